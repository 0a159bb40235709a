// Worker thread of the full TypeScript declaration emit, so the thread that runs esbuild's plugin
// callbacks never waits on the compiler. Receives TypeScriptDeclarationsInput, posts DeclarationFiles | undefined.
import { parentPort, workerData } from 'node:worker_threads';
import { typescriptDeclarations, type TypeScriptDeclarationsInput } from './typescript-declarations.js';

parentPort!.postMessage(typescriptDeclarations(workerData as TypeScriptDeclarationsInput));
