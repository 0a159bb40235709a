import { useState } from 'react';

export interface GreetingProps {
  name: string;
}

/** Exposed as `remote/Greeting`: the host renders it with `<RemoteComponent id="remote/Greeting" />`. */
export default function Greeting({ name }: GreetingProps) {
  const [clicks, setClicks] = useState(0);
  return (
    <button data-testid="greeting" onClick={() => setClicks((n) => n + 1)}>
      Hello, {name}, from the remote! Clicked {clicks} {clicks === 1 ? 'time' : 'times'}.
    </button>
  );
}
