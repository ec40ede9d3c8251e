#!/usr/bin/python3
"""The speed peer of the native Serving simulator: plain M/M/8 in SimPy, written as a user would.

    /usr/bin/python3 bench/serving_simpy.py [REQUESTS] [SEED] [--api classic|modern]

M/M/8 FCFS at rho 0.8 (mean service 10 ms, so 640 arrivals/s), REQUESTS arrivals (default
200,000): a source process makes one customer process per arrival; each customer requests one
unit of a Resource of capacity 8, holds it for its service time, releases it, and its wait goes
into a list. Prints one JSON line:
    {"tool":"simpy","requests":N,"seconds":s,"requests_per_s":r, ...}
(plus "api", "version" and "mean_wait_ms", which should be near Erlang C's 2.86 ms for a large N).
The clock covers building the model, the run and the mean of the waits.

--api classic (default) uses Debian's python3-simpy, SimPy 2.3.1 (`SimPy.Simulation`);
--api modern uses SimPy 3+ (`import simpy`, Debian's python3-simpy3), if it is installed.
"""
import json
import random
import sys
import time

C, RHO, MEAN_S = 8, 0.8, 0.010
RATE = RHO * C / MEAN_S


def run_classic(n, seed):
    import SimPy
    from SimPy.Simulation import Process, Resource, Simulation, hold, release, request

    class Customer(Process):
        def run(self, servers, service_s, waits):
            arrived = self.sim.now()
            yield request, self, servers
            waits.append(self.sim.now() - arrived)
            yield hold, self, service_s
            yield release, self, servers

    class Source(Process):
        def run(self, servers, rng, waits):
            for _ in range(n):
                c = Customer(name='customer', sim=self.sim)
                self.sim.activate(c, c.run(servers, rng.expovariate(1.0 / MEAN_S), waits))
                yield hold, self, rng.expovariate(RATE)

    sim = Simulation()
    servers = Resource(capacity=C, sim=sim)
    waits = []
    src = Source(name='source', sim=sim)
    sim.activate(src, src.run(servers, random.Random(seed), waits))
    sim.simulate(until=1e30)
    return waits, SimPy.__version__


def run_modern(n, seed):
    import simpy

    def customer(env, servers, service_s, waits):
        arrived = env.now
        with servers.request() as req:
            yield req
            waits.append(env.now - arrived)
            yield env.timeout(service_s)

    def source(env, servers, rng, waits):
        for _ in range(n):
            env.process(customer(env, servers, rng.expovariate(1.0 / MEAN_S), waits))
            yield env.timeout(rng.expovariate(RATE))

    env = simpy.Environment()
    servers = simpy.Resource(env, capacity=C)
    waits = []
    env.process(source(env, servers, random.Random(seed), waits))
    env.run()
    return waits, simpy.__version__


def main():
    args = sys.argv[1:]
    api = 'classic'
    if '--api' in args:
        i = args.index('--api')
        api = args[i + 1]
        del args[i:i + 2]
    n = int(args[0]) if len(args) > 0 else 200_000
    seed = int(args[1]) if len(args) > 1 else 1
    run = {'classic': run_classic, 'modern': run_modern}[api]
    t0 = time.perf_counter()
    waits, version = run(n, seed)
    mean_wait_ms = sum(waits) / len(waits) * 1000.0
    seconds = time.perf_counter() - t0
    assert len(waits) == n
    print(json.dumps({'tool': 'simpy', 'requests': n, 'seconds': seconds,
                      'requests_per_s': n / seconds, 'api': api, 'version': version,
                      'mean_wait_ms': mean_wait_ms}, separators=(',', ':')))


if __name__ == '__main__':
    main()
