/** Worker-thread entry of a load agent: runs it on workerData and posts the result back. */
import { parentPort, workerData } from 'node:worker_threads';
import { runLoadAgent, type AgentConfig } from './agent.js';

const result = await runLoadAgent(workerData as AgentConfig);
parentPort?.postMessage(result, [result.latency.bins.buffer as ArrayBuffer]);
