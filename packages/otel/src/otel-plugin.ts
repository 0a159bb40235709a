import { context, metrics, SpanStatusCode, trace, type Meter, type Span, type Tracer } from '@opentelemetry/api';
import type { FederationInfo, FederationPlugin, LoadStep, RemoteInfo, RemoteStatusInfo, TesseraGlobal } from '@tessera/runtime';
import { ATTR, METRIC, SPAN } from './names.js';

export interface OtelPluginOptions {
  /** Default: `trace.getTracer('@tessera/otel')` of the registered tracer provider. */
  tracer?: Tracer;
  /** Default: `metrics.getMeter('@tessera/otel')` of the registered meter provider. */
  meter?: Meter;
  /** Add `performance.mark`/`measure` entries for each load and step (the browser's performance panel shows them). Default true. */
  performanceEntries?: boolean;
  /** Where the federation info comes from. Default: `globalThis.__TESSERA__.getFederationInfo()`. */
  getInfo?: () => FederationInfo;
}

interface Load { id: string; remote: RemoteInfo; expose: string; span: Span; startMs: number; cacheHit: boolean }

const STEP_SPANS: Partial<Record<LoadStep['kind'], string>> = { manifest: SPAN.manifest, entry: SPAN.entry, init: SPAN.negotiation, expose: SPAN.expose };
const epoch = (ms: number) => performance.timeOrigin + ms;

/**
 * A runtime plugin that reports every `loadRemote` to OpenTelemetry through `@opentelemetry/api`,
 * so whichever SDK and exporter the app registered receive it:
 * - a span `tessera.remote.load` per load (attributes: remote, host, URL, module id, exposed name,
 *   cache hit, retry count, shared versions the remote got; on failure status ERROR, `error.type`
 *   = the FederationError code and the exception), with child spans for the steps the runtime
 *   recorded: `tessera.remote.manifest`, `.entry`, `.negotiation` (the container's `init`),
 *   `.expose`, at their real start and end times;
 * - a histogram `tessera.remote.load.duration` (ms) and a counter `tessera.remote.load.failures`
 *   (by remote and error code);
 * - `performance.measure` entries `tessera <id>` and `tessera <remote> <step>`.
 * The plugin never changes what loads: its hooks return nothing, and its own failures are only warned about.
 */
export function otelPlugin(options: OtelPluginOptions = {}): FederationPlugin {
  const tracer = options.tracer ?? trace.getTracer('@tessera/otel');
  const meter = options.meter ?? metrics.getMeter('@tessera/otel');
  const duration = meter.createHistogram(METRIC.loadDuration, { unit: 'ms', description: 'Time from a loadRemote request to its module or its failure' });
  const failures = meter.createCounter(METRIC.failures, { description: 'Remote loads that failed, by error code' });
  const marks = options.performanceEntries !== false && typeof performance.measure == 'function';
  const getInfo = options.getInfo ?? (() => (globalThis as { __TESSERA__?: TesseraGlobal }).__TESSERA__?.getFederationInfo());
  const pending = new Map<string, Load[]>();

  const statusOf = (remote: RemoteInfo): RemoteStatusInfo | undefined =>
    getInfo()?.remotes.find((r) => r.name === remote.name && r.entry === remote.entry);

  function start(id: string, remote: RemoteInfo, expose: string): Load {
    const before = statusOf(remote);
    const cacheHit = before?.status === 'loaded' && (before.loadedExposes ?? []).includes(expose);
    const startMs = performance.now();
    const span = tracer.startSpan(SPAN.load, {
      startTime: epoch(startMs),
      attributes: { [ATTR.id]: id, [ATTR.remote]: remote.name, [ATTR.expose]: expose, [ATTR.url]: before?.url ?? remote.entry, [ATTR.cacheHit]: cacheHit },
    });
    if (before) span.setAttribute(ATTR.host, before.host);
    const load = { id, remote, expose, span, startMs, cacheHit };
    pending.set(id, [...(pending.get(id) ?? []), load]);
    return load;
  }

  function finish(load: Load, error?: { code?: string; message: string }): void {
    const endMs = performance.now();
    const { span, remote } = load;
    const status = statusOf(remote);
    if (status) {
      span.setAttributes({ [ATTR.url]: status.url ?? status.entry, [ATTR.retryCount]: status.retries ?? 0 });
      const versions = getInfo()!.shared.flatMap((s) => s.consumers.filter((c) => c.consumer === remote.name).map((c) => `${c.key}@${c.version} from ${c.from} (${c.rule})`));
      if (versions.length) span.setAttribute(ATTR.sharedVersions, versions);
      const parent = trace.setSpan(context.active(), span);
      for (const step of status.steps ?? []) {
        const name = STEP_SPANS[step.kind];
        if (!name || step.startMs < load.startMs || step.endMs === undefined) continue;
        const child = tracer.startSpan(name, {
          startTime: epoch(step.startMs),
          attributes: { [ATTR.remote]: remote.name, ...(step.url ? { [ATTR.url]: step.url } : {}), ...(step.name ? { [ATTR.expose]: step.name } : {}) },
        }, parent);
        if (step.error) {
          child.setAttribute(ATTR.errorCode, step.error);
          child.setStatus({ code: SpanStatusCode.ERROR, message: step.error });
        }
        child.end(epoch(step.endMs));
        if (marks) performance.measure(`tessera ${remote.name} ${step.kind}`, { start: step.startMs, end: step.endMs, detail: { remote: remote.name, url: step.url } });
      }
    }
    const code = error?.code ?? (error ? 'Error' : undefined);
    if (error) {
      span.setAttribute(ATTR.errorCode, code!);
      span.recordException({ name: code!, message: error.message });
      span.setStatus({ code: SpanStatusCode.ERROR, message: `${code}: ${error.message}` });
      failures.add(1, { [ATTR.remote]: remote.name, [ATTR.errorCode]: code! });
    }
    duration.record(endMs - load.startMs, { [ATTR.remote]: remote.name, [ATTR.outcome]: error ? 'error' : 'ok', [ATTR.cacheHit]: load.cacheHit });
    span.end(epoch(endMs));
    if (marks) performance.measure(`tessera ${load.id}`, { start: load.startMs, end: endMs, detail: { remote: remote.name, error: code } });
  }

  /** Telemetry never breaks loading: a failure here is only warned about. */
  const safely = (report: () => void) => {
    try {
      report();
    } catch (error) {
      console.warn('@tessera/otel could not report a remote load:', error);
    }
  };

  const take = (id: string): Load | undefined => {
    const loads = pending.get(id);
    const load = loads?.shift();
    if (loads && !loads.length) pending.delete(id);
    return load;
  };

  return {
    name: 'tessera-otel',
    afterResolve({ id, remote, expose }) {
      safely(() => start(id, remote, expose));
    },
    onLoad({ id }) {
      safely(() => {
        const load = take(id);
        if (load) finish(load);
      });
      return undefined;
    },
    errorLoadRemote({ id, error, remote }) {
      safely(() => finish(take(id) ?? start(id, remote ?? ({ name: id.split('/')[0]!, entry: '' } as RemoteInfo), ''), error));
      return undefined;
    },
  };
}
