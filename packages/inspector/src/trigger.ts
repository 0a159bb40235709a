import type { InspectorHandle, MountOptions } from './panel.js';

export interface InstallOptions {
  /** `KeyboardEvent.code` opened with Alt+Shift. Default 'KeyT' (Alt+Shift+T). */
  key?: string;
  /** Loads the panel module. Default: its own chunk, `import('./panel.js')`. */
  load?: () => Promise<{ mountInspector(options?: MountOptions): InspectorHandle }>;
}

export interface InspectorTrigger {
  /** Opens the panel (downloading it the first time); resolves once it is on the page. */
  open(): Promise<InspectorHandle>;
  /** Closes the panel if open. */
  close(): void;
  /** Removes the shortcut. */
  uninstall(): void;
}

type Global = { __TESSERA__?: { inspect?: () => Promise<unknown> } };

/**
 * Makes the inspector one step away without loading it: Alt+Shift+T toggles it, `?tessera-inspect`
 * in the page URL opens it at once, and `__TESSERA__.inspect()` from the console opens it. The
 * panel's code is imported on first open only (its own chunk). Outside a browser, does nothing.
 * Installing twice returns the first trigger.
 */
export function installInspector({ key = 'KeyT', load = () => import('./panel.js') }: InstallOptions = {}): InspectorTrigger {
  const g = globalThis as Global & { __TESSERA_INSPECTOR__?: InspectorTrigger };
  if (g.__TESSERA_INSPECTOR__) return g.__TESSERA_INSPECTOR__;
  let panel: Promise<InspectorHandle> | undefined;
  const open = () => (panel ??= load().then((m) => m.mountInspector({ onClose: () => (panel = undefined) })));
  const close = () => void panel?.then((p) => p.close());
  const onKey = (event: KeyboardEvent) => {
    if (event.code !== key || !event.altKey || !event.shiftKey) return;
    event.preventDefault();
    if (panel) close();
    else void open();
  };
  const trigger: InspectorTrigger = {
    open,
    close,
    uninstall() {
      removeEventListener('keydown', onKey);
      delete g.__TESSERA_INSPECTOR__;
    },
  };
  if (typeof document == 'undefined') return trigger;
  g.__TESSERA_INSPECTOR__ = trigger;
  addEventListener('keydown', onKey);
  // The runtime creates `__TESSERA__`; as a runtime plugin this runs just before it does.
  const attach = () => void (g.__TESSERA__ && (g.__TESSERA__.inspect = open));
  attach();
  queueMicrotask(attach);
  if (new URLSearchParams(location.search).has('tessera-inspect')) void open();
  return trigger;
}
