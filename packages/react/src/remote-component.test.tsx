import { text } from 'node:stream/consumers';
import { prerenderToNodeStream } from 'react-dom/static';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestHost, mockRemote, resetFederation } from '@tessera/testing';
import { RemoteComponent } from './remote-component.js';

afterEach(() => resetFederation());

/** The HTML once every Suspense boundary resolved. */
async function render(element: React.ReactElement): Promise<string> {
  const { prelude } = await prerenderToNodeStream(element);
  return text(prelude);
}

describe('RemoteComponent', () => {
  it('renders a remote replaced with registerRemotes(…, { force: true }) from then on, not the one loaded before', async () => {
    await createTestHost({ name: 'shell' });
    mockRemote('ui', { './Label': { default: () => <p>first</p> } });
    expect(await render(<RemoteComponent id="ui/Label" fallback={null} />)).toContain('first');
    mockRemote('ui', { './Label': { default: () => <p>second</p> } });
    expect(await render(<RemoteComponent id="ui/Label" fallback={null} />)).toContain('second');
  });
  // Its fallback's retry() (after a refused connection, a hang, a failed evaluation) is exercised in
  // Chromium by test/faults/: server rendering does not run error boundaries.
});
