import { useEffect, useState } from 'react';
import { chatBus, chatRelay, type ChatTopics } from '@chat/contracts';

chatRelay();

/** The receiver's exposed component: every `chat.message` since it mounted, from this page and other devices. */
export default function Receiver() {
  const [messages, setMessages] = useState<ChatTopics['chat.message'][]>([]);
  useEffect(() => chatBus.subscribe('chat.message', (message) => setMessages((list) => [...list, message])), []);
  return (
    <ul data-testid="receiver">
      {messages.map((message, i) => (
        <li key={i} data-testid="message">
          <strong>{message.author}</strong>: {message.text}
        </li>
      ))}
    </ul>
  );
}
