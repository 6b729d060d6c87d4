/**
 * Entry of the live socket's worker, started by workerSocket.ts; the work is in workerCore.ts
 * (issue 19, point 2: the heartbeat is answered here, whatever the page's main thread is doing).
 */
import { runSocketWorker, type WorkerScope } from './workerCore.ts';

runSocketWorker(self as unknown as WorkerScope);
