import { author, chatRelay } from '@chat/contracts';
import { RemoteComponent, useRelayStatus } from '@tessera/react';

const relay = chatRelay();

/** The chat host: the relay's state, and the two independently built remotes side by side. */
export function App() {
  const status = useRelayStatus(relay);
  return (
    <>
      <header style={{ display: 'flex', gap: '1rem', alignItems: 'baseline' }}>
        <h1>Tessera Chat</h1>
        <span>
          {author} · relay <strong data-testid="relay-status">{status}</strong>
        </span>
      </header>
      <main style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: '1rem' }}>
        <RemoteComponent id="sender/Sender" loading={<p>Loading sender…</p>} fallback={(error) => <p role="alert">Sender unavailable: {error.message}</p>} />
        <RemoteComponent id="receiver/Receiver" loading={<p>Loading messages…</p>} fallback={(error) => <p role="alert">Receiver unavailable: {error.message}</p>} />
      </main>
    </>
  );
}
