import { loadRemote } from '@tessera/runtime';

type Greeting = typeof import('../../remote/src/greeting.js');

const slot = document.getElementById('greeting')!;
try {
  const { mountGreeting } = await loadRemote<Greeting>('remote/greeting');
  mountGreeting(slot, 'host');
} catch (error) {
  // A remote that is down never takes the host with it.
  slot.textContent = `The remote is unavailable: ${(error as Error).message}`;
  slot.setAttribute('role', 'alert');
}
