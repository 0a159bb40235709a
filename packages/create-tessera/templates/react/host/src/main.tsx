import { createRoot } from 'react-dom/client';
import { RemoteComponent } from '@tessera/react';

function App() {
  return (
    <main>
      <h1>__NAME__</h1>
      <RemoteComponent
        id="remote/Greeting"
        props={{ name: 'host' }}
        loading={<p>Loading the remote…</p>}
        fallback={(error) => <p role="alert">The remote is unavailable: {error.message}</p>}
      />
    </main>
  );
}

createRoot(document.getElementById('root')!).render(<App />);
