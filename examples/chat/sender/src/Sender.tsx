import { useState } from 'react';
import { author, chatBus, chatRelay } from '@chat/contracts';

chatRelay();

/** The sender's exposed component: a message box that publishes on `chat.message`. */
export default function Sender() {
  const [text, setText] = useState('');
  return (
    <form
      data-testid="sender"
      onSubmit={(event) => {
        event.preventDefault();
        if (!text.trim()) return;
        chatBus.publish('chat.message', { author, text: text.trim() });
        setText('');
      }}
    >
      <input data-testid="message-input" value={text} onChange={(event) => setText(event.target.value)} placeholder="Say something" aria-label="message" />
      <button type="submit" data-testid="send">Send</button>
    </form>
  );
}
