import { Worker, type MessagePort, type ResourceLimits, type TransferListItem } from 'node:worker_threads';

// A worker thread running one of our TypeScript modules, asked questions and answering them in
// order. Shared by the matching core (resolve/match/parallel.ts) and the assessment pass
// (status/assessors.ts).

/**
 * Starts `moduleUrl` (a TypeScript file) on a worker thread. Node 20 does not apply loader hooks
 * given in a worker's execArgv to its entry module, so a small bootstrap registers tsx first and
 * then imports the module.
 */
export function startTsWorker(moduleUrl: URL, workerData: unknown, resourceLimits?: ResourceLimits): Worker {
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(moduleUrl.href)}); });`;
  return new Worker(boot, { eval: true, workerData, ...(resourceLimits ? { resourceLimits } : {}) });
}

/**
 * The asking side. Each request carries an id that the worker echoes in its reply (see
 * `answerRequests`), so several requests may wait at once. If the worker fails or exits, every
 * waiting request is rejected with the reason.
 */
export class WorkerClient<Request extends object, Reply extends object> {
  private readonly waiting = new Map<number, { resolve: (r: Reply) => void; reject: (e: unknown) => void }>();
  private next = 0;
  private failure: Error | null = null;

  constructor(private readonly worker: Worker, private readonly name: string) {
    worker.on('message', (msg: Reply & { id: number }) => {
      this.waiting.get(msg.id)?.resolve(msg);
      this.waiting.delete(msg.id);
    });
    worker.on('error', (e) => this.fail(e));
    worker.on('exit', (code) => this.fail(new Error(`${name} worker exited (${code})`)));
  }

  /** Sends a request; resolves with the reply. */
  request(message: Request, transfer?: readonly TransferListItem[]): Promise<Reply> {
    if (this.failure !== null) return Promise.reject(this.failure);
    const id = this.next++;
    const done = new Promise<Reply>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    // A rejection nobody awaits yet must not crash the process before the caller awaits it.
    done.catch(() => undefined);
    this.worker.postMessage({ id, ...message }, transfer);
    return done;
  }

  /** Requests not answered yet. */
  get pending(): number {
    return this.waiting.size;
  }

  private fail(e: unknown): void {
    this.failure ??= e instanceof Error ? e : new Error(String(e));
    for (const w of this.waiting.values()) w.reject(e);
    this.waiting.clear();
  }

  async terminate(): Promise<void> {
    this.failure ??= new Error(`${this.name} worker stopped`);
    await this.worker.terminate();
  }
}

/**
 * The answering side, run in the worker: answers each request in the order it arrives with the
 * request's id. A request that throws ends the worker with the error, which the client passes
 * on to every waiting request.
 */
export function answerRequests<Request extends object, Reply extends object>(
  port: MessagePort,
  answer: (request: Request) => { reply: Reply; transfer?: readonly TransferListItem[] },
): void {
  port.on('message', (msg: Request & { id: number }) => {
    const { reply, transfer } = answer(msg);
    port.postMessage({ ...reply, id: msg.id }, transfer);
  });
}
