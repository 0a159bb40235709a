// The page the @tessera/react tests open in Chromium: @tessera/react's public API only, a real
// runtime, and remotes whose containers the test controls (a remote entry module served over HTTP
// that forwards `get` to `window.remotes`, so a test decides when and how each module arrives).
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { init, preloadRemote } from '@tessera/runtime';
import { defineStore } from '@tessera/store';
import { createBus } from '@tessera/bus';
import { RemoteComponent, useStore, useTopic } from '@tessera/react';

declare global {
  interface Window {
    remotes: Record<string, (exposed: string) => Promise<() => unknown>>;
    release: Record<string, () => void>;
    publishTheme: (theme: string) => void;
    showLateReader: () => void;
    showNote: () => void;
    preloadNote: () => Promise<void>;
  }
}

const server = new URL('/', import.meta.url).href;
init({
  name: 'reactTests',
  remotes: [
    { name: 'slow', entry: `${server}entry.js?remote=slow` },
    { name: 'cards', entry: `${server}entry.js?remote=cards` },
    { name: 'down', entry: 'http://127.0.0.1:9/remoteEntry.js' },
    { name: 'notes', entry: `${server}entry.js?remote=notes` },
  ],
  shared: {},
});

function Card({ title, count }: { title: string; count: number }) {
  return <p data-testid="card">{title} × {count}</p>;
}
function Broken(): never {
  throw new Error('the remote component threw while rendering');
}
let releaseSlow!: () => void;
const slowLoaded = new Promise<void>((resolve) => (releaseSlow = resolve));
let releaseNote!: () => void;
const noteLoaded = new Promise<void>((resolve) => (releaseNote = resolve));
window.release = { slow: () => releaseSlow(), note: () => releaseNote() };
window.preloadNote = () => preloadRemote([{ nameOrAlias: 'notes' }]);
window.remotes = {
  slow: async () => {
    await slowLoaded;
    return () => ({ default: () => <p data-testid="slow">slow remote loaded</p> });
  },
  notes: async () => {
    await noteLoaded;
    return () => ({ default: () => <p>note loaded</p> });
  },
  cards: async (exposed) => {
    if (exposed === './Card') return () => ({ default: Card, Named: () => <p data-testid="named">a named export</p> });
    if (exposed === './Broken') return () => ({ default: Broken });
    throw Object.assign(new Error(`cards has no ${exposed}`), { code: 'TESSERA_EXPOSE_NOT_FOUND' });
  },
};

const counter = defineStore('react-tests-counter', { initial: { count: 0, label: 'clicks' } });
const bus = createBus<{ theme: string }>();
window.publishTheme = (theme) => bus.publish('theme', theme);

function Counter() {
  const count = useStore(counter, (s) => s.count);
  const whole = useStore(counter);
  return (
    <button data-testid="counter" onClick={() => counter.setState((s) => ({ count: s.count + 1 }))}>
      {whole.label}: {count}
    </button>
  );
}

function Theme({ testid }: { testid: string }) {
  const theme = useTopic(bus, 'theme', 'light');
  return <p data-testid={testid}>theme {theme}</p>;
}

function App() {
  const [late, setLate] = useState(false);
  const [note, setNote] = useState(false);
  window.showLateReader = () => setLate(true);
  window.showNote = () => setNote(true);
  const fallback = (error: Error) => <p data-testid="fallback">{(error as Error & { code?: string }).code ?? 'no code'}: {error.message}</p>;
  return (
    <>
      <section data-testid="slow-slot"><RemoteComponent id="slow/Panel" loading={<p data-testid="loading">Loading…</p>} fallback="failed" /></section>
      <section data-testid="card-slot"><RemoteComponent id="cards/Card" props={{ title: 'Lamp', count: 2 }} fallback="failed" /></section>
      <section data-testid="named-slot"><RemoteComponent id="cards/Card" exportName="Named" fallback="failed" /></section>
      <section data-testid="missing-slot"><RemoteComponent id="cards/Missing" fallback={fallback} /></section>
      <section data-testid="broken-slot"><RemoteComponent id="cards/Broken" fallback={<p>broken remote, the page goes on</p>} onError={(e) => console.log(`onError: ${e.message}`)} /></section>
      <section data-testid="down-slot"><RemoteComponent id="down/Anything" fallback={fallback} /></section>
      {note && <section data-testid="note-slot"><RemoteComponent id="notes/Note" loading={<p>Loading…</p>} fallback="failed" /></section>}
      <Counter />
      <Theme testid="theme" />
      {late && <Theme testid="late-theme" />}
    </>
  );
}

createRoot(document.getElementById('root')!).render(<App />);
