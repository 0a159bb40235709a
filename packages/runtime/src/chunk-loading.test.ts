import { describe, expect, it } from 'vitest';
import { createChunkLoader } from './chunk-loading.js';

const loader = () => createChunkLoader('app', () => ({ timeout: 1000, retries: 0 }), async () => {}, async () => ({}));

describe('an app chunk', () => {
  it('loads once: every later or concurrent load gets the same module instance', async () => {
    const chunks = loader();
    let imports = 0;
    const load = async () => ({ instance: ++imports });
    const [a, b] = await Promise.all([chunks.loadChunk('shared:ms', load), chunks.loadChunk('shared:ms', load)]);
    const c = await chunks.loadChunk('shared:ms', load);
    expect(a).toBe(b);
    expect(c).toBe(a);
    expect(imports).toBe(1);
  });

  it('that failed to load is loaded again by the next call', async () => {
    const chunks = loader();
    let imports = 0;
    const load = async () => {
      if (++imports == 1) throw new Error('network down');
      return { instance: imports };
    };
    await expect(chunks.loadChunk('expose:./x', load)).rejects.toMatchObject({ code: 'TESSERA_EXPOSE_LOAD_FAILED' });
    await expect(chunks.loadChunk('expose:./x', load)).resolves.toEqual({ instance: 2 });
    await expect(chunks.loadChunk('expose:./x', load)).resolves.toEqual({ instance: 2 });
    expect(imports).toBe(2);
  });
});
