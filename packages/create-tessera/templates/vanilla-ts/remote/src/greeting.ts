/** Exposed as `remote/greeting`. */
export function greet(name: string): string {
  return `Hello, ${name}, from the remote!`;
}

/** Renders the greeting into `element`, with a button that counts its clicks. */
export function mountGreeting(element: HTMLElement, name: string): void {
  let clicks = 0;
  const button = document.createElement('button');
  button.dataset['testid'] = 'greeting';
  const render = () => {
    button.textContent = `${greet(name)} Clicked ${clicks} ${clicks === 1 ? 'time' : 'times'}.`;
  };
  button.addEventListener('click', () => {
    clicks++;
    render();
  });
  render();
  element.replaceChildren(button);
}
