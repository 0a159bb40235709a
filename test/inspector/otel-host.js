// A Node host for otel.test.ts: loads the shop's remotes (and a dead one) with @tessera/otel and
// the OpenTelemetry SDK's in-memory exporters, and prints the spans, metrics and measures as JSON.
// Run as: node --import @tessera/runtime/node/register otel-host.js <catalog manifest> <cart manifest> <dead manifest>
import { InMemorySpanExporter, SimpleSpanProcessor, BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { AggregationTemporality, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { init, loadRemote } from '@tessera/runtime';
import { otelPlugin } from '@tessera/otel';

const [catalog, cart, dead] = process.argv.slice(2);
const spans = new InMemorySpanExporter();
const tracer = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] }).getTracer('otel-host');
const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
const reader = new PeriodicExportingMetricReader({ exporter: metricExporter, exportIntervalMillis: 3_600_000 });
const meter = new MeterProvider({ readers: [reader] }).getMeter('otel-host');

console.warn = () => {};
init({ name: 'otelHost', remotes: { catalog, cart, dead }, retries: 1, plugins: [otelPlugin({ tracer, meter })] });
await Promise.all([loadRemote('catalog/ProductList'), loadRemote('cart/CartSummary')]);
await loadRemote('catalog/ProductList');
const failure = await loadRemote('dead/Thing').catch((error) => error.code);
await reader.forceFlush();

const finished = spans.getFinishedSpans();
const byId = new Map(finished.map((s) => [s.spanContext().spanId, s]));
const metrics = metricExporter.getMetrics().flatMap((rm) => rm.scopeMetrics.flatMap((sm) => sm.metrics));
const report = JSON.stringify({
  failure,
  spans: finished.map((s) => ({
    name: s.name,
    parent: byId.get(s.parentSpanContext?.spanId ?? s.parentSpanId)?.name,
    attributes: s.attributes,
    status: s.status.code,
    durationMs: s.duration[0] * 1e3 + s.duration[1] / 1e6,
    events: s.events.map((e) => e.name),
  })),
  metrics: metrics.map((m) => ({ name: m.descriptor.name, unit: m.descriptor.unit, points: m.dataPoints.map((p) => ({ attributes: p.attributes, value: p.value })) })),
  measures: performance.getEntriesByType('measure').map((m) => m.name),
});
// The metric reader's timer would keep Node running.
process.stdout.write(`${report}\n`, () => process.exit(0));
