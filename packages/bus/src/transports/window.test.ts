import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBus, type Bus, type MessageMeta } from '../create-bus.js';
import { windowTransport, type MessageEventTargetLike, type WindowLike } from './window.js';

/** A fake browsing context: its origin and the target its 'message' events fire on. */
interface FakeWindow {
  origin: string;
  events: EventTarget & MessageEventTargetLike;
}

const fakeWindow = (origin: string): FakeWindow => ({ origin, events: new EventTarget() as FakeWindow['events'] });

/**
 * What `a` and `b` get for each other (`iframe.contentWindow`, `window.parent`): postMessage
 * delivers like a browser: dropped when `targetOrigin` is not the receiver's origin, else a
 * cloned `data` with the sender's `origin` and the receiver's handle of the sender as `source`.
 */
function handles(a: FakeWindow, b: FakeWindow) {
  const post = (from: FakeWindow, to: FakeWindow, source: () => WindowLike) =>
    vi.fn((data: unknown, targetOrigin: string) => {
      if (targetOrigin !== '*' && targetOrigin !== to.origin) return;
      const event = Object.assign(new Event('message'), { data: structuredClone(data), origin: from.origin, source: source() });
      setTimeout(() => to.events.dispatchEvent(event));
    });
  const aSeesB: WindowLike = { postMessage: post(a, b, () => bSeesA) };
  const bSeesA: WindowLike = { postMessage: post(b, a, () => aSeesB) };
  return { aSeesB, bSeesA };
}

function nextMessage(bus: Bus, topic: string): Promise<[unknown, MessageMeta]> {
  return new Promise((resolve) => {
    const off = bus.subscribe(topic, (payload, meta) => {
      off();
      resolve([payload, meta]);
    });
  });
}

const settle = (ms = 30) => new Promise((resolve) => setTimeout(resolve, ms));

const cleanup: (() => void)[] = [];
afterEach(() => cleanup.splice(0).forEach((close) => close()));

/** A host page and a cross-origin iframe, each with its bus, joined by windowTransport. */
function hostAndFrame(frameTargetOrigin = 'https://host.example') {
  const host = fakeWindow('https://host.example');
  const frame = fakeWindow('https://cart.example');
  const { aSeesB: frameWindow, bSeesA: parentWindow } = handles(host, frame);
  const hostBus = createBus({ onError: () => {} });
  const frameBus = createBus({ onError: () => {} });
  cleanup.push(
    hostBus.addTransport(windowTransport(frameWindow, { targetOrigin: 'https://cart.example', self: host.events })),
    frameBus.addTransport(windowTransport(parentWindow, { targetOrigin: frameTargetOrigin, self: frame.events })),
  );
  return { host, frame, frameWindow, parentWindow, hostBus, frameBus };
}

describe('windowTransport', () => {
  it('joins a page and its iframe, posting with the explicit targetOrigin', async () => {
    const { hostBus, frameBus, frameWindow, parentWindow } = hostAndFrame('https://host.example/some/path');
    const inFrame = nextMessage(frameBus, 'cart.added');
    hostBus.publish('cart.added', { sku: 'x' });
    expect(await inFrame).toEqual([{ sku: 'x' }, { topic: 'cart.added', source: 'remote' }]);
    expect(frameWindow.postMessage).toHaveBeenCalledWith(expect.objectContaining({ topic: 'cart.added' }), 'https://cart.example');

    const inHost = nextMessage(hostBus, 'cart.removed');
    frameBus.publish('cart.removed', 1);
    expect((await inHost)[1].source).toBe('remote');
    expect(parentWindow.postMessage).toHaveBeenCalledWith(expect.anything(), 'https://host.example'); // normalised to the origin
  });

  it('drops messages from another origin, or from another window of the right origin', async () => {
    const { host, hostBus, frameWindow } = hostAndFrame();
    const handler = vi.fn();
    hostBus.subscribe('**', handler);
    const message = { tessera: 'bus', protocol: 1, bus: 'default', type: 'publish', topic: 'cart.added', payload: 1 };
    const send = (id: string, origin: string, source: unknown) =>
      host.events.dispatchEvent(Object.assign(new Event('message'), { data: { ...message, id }, origin, source }));
    send('evil', 'https://evil.example', frameWindow); // an attacker navigated the frame, or spoofs it
    send('other', 'https://cart.example', {}); // another frame of the cart's origin
    expect(handler).not.toHaveBeenCalled();
    send('good', 'https://cart.example', frameWindow);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it("rejects targetOrigin '*' with TESSERA_BUS_INSECURE_ORIGIN unless allowAnyOrigin, and non-origins", async () => {
    const target = { postMessage: vi.fn() };
    const self = new EventTarget() as EventTarget & MessageEventTargetLike;
    expect(() => windowTransport(target, { targetOrigin: '*', self })).toThrow(expect.objectContaining({ code: 'TESSERA_BUS_INSECURE_ORIGIN' }));
    for (const targetOrigin of ['cart.example', 'null', 'data:text/html,hi']) {
      expect(() => windowTransport(target, { targetOrigin, self }), targetOrigin).toThrow(
        expect.objectContaining({ code: 'TESSERA_BUS_INSECURE_ORIGIN' }),
      );
    }

    const bus = createBus();
    const handler = vi.fn();
    bus.subscribe('x', handler);
    cleanup.push(bus.addTransport(windowTransport(target, { targetOrigin: '*', allowAnyOrigin: true, self })));
    bus.publish('x', 1);
    expect(target.postMessage).toHaveBeenCalledWith(expect.anything(), '*');
    const data = { tessera: 'bus', protocol: 1, bus: 'default', id: 'remote-1', type: 'publish', topic: 'x', payload: 2 };
    self.dispatchEvent(Object.assign(new Event('message'), { data, origin: 'https://any.example', source: target }));
    expect(handler).toHaveBeenLastCalledWith(2, { topic: 'x', source: 'remote' });
  });

  it('stops listening when removed', async () => {
    const { hostBus, frameBus } = hostAndFrame();
    cleanup.splice(0).forEach((close) => close());
    const handler = vi.fn();
    frameBus.subscribe('**', handler);
    hostBus.publish('cart.added', 1);
    await settle();
    expect(handler).not.toHaveBeenCalled();
  });
});
