#!/usr/bin/python3
"""PyTorch CPU on the work Visor's bench measures, for the ratios of `npm run bench` (issues 13 and 14).

    /usr/bin/python3 bench/torch_bench.py [--arch resnet50,resnet152] [--runs 5] [--warmup 1] [--long-runs N]
                                          [--long-warmup N] [--cases a,b] [--threads 2] [--quick]

torchvision ResNet-50 / ResNet-152 with random weights (fixed seed), eval mode, one 224×224 input, 2 intra-op
threads (torch.set_num_threads, --threads). Each case is written the way a PyTorch user would write it
(inference_mode for forward-only work, frozen parameters so a backward pass computes only what is asked for), timed
end to end including building its inputs, `--runs` times after `--warmup` untimed runs. Per case, the median,
quartiles and every time, the CPU time, and the run-queue wait of the process's threads (Linux schedstat: the time
they were ready to run but found every core taken, i.e. how starved the run was) go to ONE JSON object on stdout
(progress goes to stderr). One run is ~115 ResNet forward-pass equivalents, so both architectures at 5 runs + 1
warm-up should take ~3 minutes on a quiet 2-core machine (estimated from ResNet-50's 56 ms forward pass; on a machine
with a load average of 5-8 the same run took 18 minutes).

Cases (target = the input's top-1 class):
  forward_batch1          one forward pass, batch 1 (ms)
  forward_batch16         one forward pass of 16 images, reported per image (ms / image)
  occlusion_7x7           patch 32, stride 32 on 224 → 49 windows filled with the image's per-channel mean, scored in
                          batches of 16 (4 passes: 16+16+16+1), top-1 probability per window, drop, heatmap (ms)
  cam                     forward with layer4's output kept, M = Σ_k w_c^k f_k (7×7), bilinear to 224×224 (ms)
  grad_cam                forward, backward from the top-1 logit to layer4 only, α = mean gradient, ReLU(Σ α A),
                          bilinear to 224×224 (ms per image and target)
  guided_backprop         forward with every ReLU call replaced by a guided autograd.Function, backward from the
                          top-1 logit to the input (ms per image and target)
  deletion_insertion_20   given a saliency map: 20 steps of 1/20 of the pixels each way, deletion to 0 and insertion
                          from a Gaussian blur, 2 × 21 images scored in batches of 16 (3 passes), both AUCs (ms)
"""

import argparse
import json
import os
import platform
import resource
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision
import torchvision.transforms.functional as TF

SIZE = 224
BATCH = 16
ARCHS = ('resnet50', 'resnet152')


def log(*a):
    print('[torch_bench]', *a, file=sys.stderr, flush=True)


def run_queue_wait_ms():
    """Time this process's threads spent runnable but waiting for a core, in ms: the sum of the second field of
    Linux's /proc/self/task/<tid>/schedstat (as bench/sched.js reads it). None where schedstat is missing."""
    total, read = 0, 0
    try:
        tasks = os.listdir('/proc/self/task')
    except OSError:
        return None
    for t in tasks:
        try:
            with open(f'/proc/self/task/{t}/schedstat') as f:
                total += int(f.read().split()[1])
                read += 1
        except (OSError, IndexError, ValueError):
            pass
    return total / 1e6 if read else None


def machine_busy_ms():
    """CPU time (ms) every process of the machine spent busy so far, from the first line of Linux's /proc/stat
    (user + nice + system + irq + softirq + steal, 100 ticks per second), as bench/sched.js reads it. None elsewhere."""
    try:
        with open('/proc/stat') as f:
            v = [int(x) for x in f.readline().split()[1:]]
        return (v[0] + v[1] + v[2] + v[5] + v[6] + (v[7] if len(v) > 7 else 0)) * 10.0
    except (OSError, ValueError, IndexError):
        return None


def timed(fn, runs, warmup):
    """Wall times, process CPU times (all threads) and run-queue waits of `runs` calls after `warmup` untimed
    ones, in ms, and the 1-minute load average before and after."""
    for _ in range(warmup):
        fn()
    times, cpu, wait = [], [], []
    load = [round(os.getloadavg()[0], 2)]
    busy0, own0, wall0 = machine_busy_ms(), time.process_time(), time.perf_counter()
    for _ in range(runs):
        w0 = run_queue_wait_ms()
        c0, t0 = time.process_time(), time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
        w1 = run_queue_wait_ms()
        wait.append(None if w0 is None or w1 is None else w1 - w0)
    # /proc/stat counts in 10 ms ticks: the window for other processes' share spans at least 250 ms.
    while time.perf_counter() - wall0 < 0.25:
        fn()
    load.append(round(os.getloadavg()[0], 2))
    others = None
    if busy0 is not None:
        own = (time.process_time() - own0) * 1000
        others = max(0.0, machine_busy_ms() - busy0 - own) / ((os.cpu_count() or 1) * (time.perf_counter() - wall0) * 1000)
    return times, cpu, wait, load, others


def summary(measured, per=1, what=''):
    """Median, min, max, quartiles and all wall times (as bench/stats.js), the median CPU time and cpu/wall (below
    the thread count when other processes held the cores), the share of the runnable time spent waiting for a core
    (Σ wait / (Σ cpu + Σ wait); the starvation measure), divided by `per` for per-image figures."""
    t = [x / per for x in measured[0]]
    c = [x / per for x in measured[1]]
    wait, load, others = measured[2], measured[3], measured[4]
    q = statistics.quantiles(t, n=4, method='inclusive') if len(t) > 1 else [t[0], t[0], t[0]]
    wait_share = None
    if all(w is not None for w in wait):
        wait_share = round(sum(wait) / (sum(measured[1]) + sum(wait)), 4)
    return {'median_ms': statistics.median(t), 'min_ms': min(t), 'max_ms': max(t), 'q1_ms': q[0], 'q3_ms': q[2],
            'runs': len(t), 'times_ms': [round(x, 3) for x in t], 'cpu_median_ms': statistics.median(c),
            'cpu_over_wall': round(statistics.median(c) / statistics.median(t), 2), 'wait_share': wait_share,
            'others_share': None if others is None else round(others, 4), 'load': load, 'what': what}


class GuidedRelu(torch.autograd.Function):
    """ReLU forward; backward [f > 0]·[R > 0]·R (guided backprop, Springenberg et al.)."""

    @staticmethod
    def forward(ctx, f):
        ctx.save_for_backward(f)
        return f.clamp(min=0)

    @staticmethod
    def backward(ctx, r):
        (f,) = ctx.saved_tensors
        return r * (f > 0).to(r.dtype) * (r > 0).to(r.dtype)


class guided:
    """Every nn.ReLU module's forward → GuidedRelu for the duration of a `with` (per call: torchvision's Bottleneck
    calls its one ReLU module three times)."""

    def __init__(self, model):
        self.units = [m for m in model.modules() if type(m) is nn.ReLU]

    def __enter__(self):
        for m in self.units:
            m.forward = GuidedRelu.apply

    def __exit__(self, *exc):
        for m in self.units:
            del m.forward


def bench_arch(arch, runs, warmup, long_runs, long_warmup, cases):
    torch.manual_seed(0)
    model = getattr(torchvision.models, arch)(weights=None).eval().requires_grad_(False)
    image = torch.randn(1, 3, SIZE, SIZE, generator=torch.Generator().manual_seed(1))
    with torch.inference_mode():
        target = int(model(image).argmax(dim=1))
    weight = model.fc.weight  # [1000, 2048]
    results = {}

    def case(name, fn, per=1, what='', long=False):
        if cases and name not in cases:
            return
        n, w = (long_runs, long_warmup) if long else (runs, warmup)
        results[name] = r = summary(timed(fn, n, w), per, what)
        log(f'{arch} {name}: median {r["median_ms"]:.1f} ms ({r["min_ms"]:.1f}–{r["max_ms"]:.1f}), '
            f'cpu/wall {r["cpu_over_wall"]}, run-queue wait {r["wait_share"]}, other processes {r["others_share"]}')

    # ---- forward passes
    def forward1():
        with torch.inference_mode():
            model(image)
    case('forward_batch1', forward1, what='one forward pass, batch 1 (ms)')

    batch16 = image.repeat(BATCH, 1, 1, 1)

    def forward16():
        with torch.inference_mode():
            model(batch16)
    case('forward_batch16', forward16, per=BATCH, what='one forward pass of 16 images, per image (ms / image)')

    # ---- occlusion 7×7
    def occlusion():
        with torch.inference_mode():
            baseline = torch.softmax(model(image), dim=1)[0, target]  # Visor takes it from the shared predictions
            fill = image.mean(dim=(2, 3), keepdim=True)  # [1, 3, 1, 1]
            starts = list(range(0, SIZE - 32 + 1, 32))
            windows = [(y, x) for y in starts for x in starts]
            scores = []
            for b in range(0, len(windows), BATCH):
                chunk = windows[b:b + BATCH]
                copies = image.repeat(len(chunk), 1, 1, 1)
                for i, (y, x) in enumerate(chunk):
                    copies[i, :, y:y + 32, x:x + 32] = fill[0]
                scores.append(torch.softmax(model(copies), dim=1)[:, target])
            drop = baseline - torch.cat(scores).reshape(len(starts), len(starts))
            drop.repeat_interleave(32, 0).repeat_interleave(32, 1)  # the heatmap (windows do not overlap)
    case('occlusion_7x7', occlusion, long=True,
         what='49 windows of 32×32 (stride 32), mean fill, batches of 16, top-1 probability drop + heatmap (ms)')

    # ---- CAM
    def cam():
        box = {}
        hook = model.layer4.register_forward_hook(lambda m, i, o: box.__setitem__('a', o))
        try:
            with torch.inference_mode():
                logits = model(image)
                c = int(logits.argmax(dim=1))
                m = torch.einsum('k,kyx->yx', weight[c], box['a'][0])
                F.interpolate(m[None, None], size=(SIZE, SIZE), mode='bilinear', align_corners=False)
        finally:
            hook.remove()
    case('cam', cam, what='forward keeping layer4, Σ_k w_c^k f_k, bilinear to 224 (ms per image)')

    # ---- Grad-CAM: gradients to layer4 only (parameters are frozen; the graph starts at layer4's output)
    def grad_cam():
        box = {}

        def keep(m, i, o):
            box['a'] = o.detach().requires_grad_(True)
            return box['a']
        hook = model.layer4.register_forward_hook(keep)
        try:
            logits = model(image)
            (g,) = torch.autograd.grad(logits[0, target], box['a'])
            with torch.no_grad():
                m = (g.mean(dim=(2, 3), keepdim=True) * box['a']).sum(dim=1).clamp(min=0)
                F.interpolate(m[None], size=(SIZE, SIZE), mode='bilinear', align_corners=False)
        finally:
            hook.remove()
    case('grad_cam', grad_cam, what='forward, backward from the top-1 logit to layer4, map, bilinear (ms per target)')

    # ---- guided backprop: gradients to the input, guided ReLU per call
    def guided_backprop():
        x = image.clone().requires_grad_(True)
        with guided(model):
            logits = model(x)
        (g,) = torch.autograd.grad(logits[0, target], x)
        return g
    case('guided_backprop', guided_backprop,
         what='forward with guided ReLUs, backward from the top-1 logit to the input (ms per target)')

    # ---- deletion + insertion, 20 steps
    saliency = torch.rand(SIZE, SIZE, generator=torch.Generator().manual_seed(2))  # any map: the cost is the same

    def deletion_insertion():
        with torch.inference_mode():
            order = torch.argsort(saliency.reshape(-1), descending=True)
            rank = torch.empty_like(order)
            rank[order] = torch.arange(order.numel())
            steps = 20
            per_step = (SIZE * SIZE + steps - 1) // steps
            k = torch.arange(steps + 1)[:, None, None, None]  # step k: the top k·per_step pixels
            top = (rank.reshape(1, 1, SIZE, SIZE) < k * per_step)  # [21, 1, H, W]
            blurred = TF.gaussian_blur(image, kernel_size=[51, 51], sigma=[10.0, 10.0])
            deletion = torch.where(top, torch.zeros(()), image)
            insertion = torch.where(top, image, blurred)
            copies = torch.cat([deletion, insertion])  # [42, 3, H, W]
            probs = torch.cat([torch.softmax(model(copies[b:b + BATCH]), dim=1)[:, target]
                               for b in range(0, len(copies), BATCH)])
            curves = probs.reshape(2, steps + 1)
            torch.trapezoid(curves, dx=1.0 / steps, dim=1)  # AUC of each curve
    case('deletion_insertion_20', deletion_insertion, long=True,
         what='2 × 21 images (deletion to 0, insertion from a blur) in batches of 16, both AUCs (ms)')

    return {'target': target, 'cases': results}


CASES = ('forward_batch1', 'forward_batch16', 'occlusion_7x7', 'cam', 'grad_cam', 'guided_backprop', 'deletion_insertion_20')


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    p.add_argument('--arch', default=None, help=f'comma-separated, from {", ".join(ARCHS)} (default: both; --quick: resnet50)')
    p.add_argument('--runs', type=int, default=None, help='timed runs per case (default 5; --quick: 3)')
    p.add_argument('--warmup', type=int, default=1, help='untimed runs before each case (default 1)')
    p.add_argument('--long-runs', type=int, default=None, help='timed runs of occlusion and deletion/insertion (default: --runs)')
    p.add_argument('--long-warmup', type=int, default=None, help='untimed runs before them (default: --warmup)')
    p.add_argument('--cases', default=None, help=f'comma-separated subset of {", ".join(CASES)} (default: all)')
    p.add_argument('--threads', type=int, default=2, help='torch.set_num_threads (default 2)')
    p.add_argument('--quick', action='store_true', help='resnet50 only, 3 runs: a smoke run, not for the README')
    args = p.parse_args()
    archs = (args.arch or ('resnet50' if args.quick else ','.join(ARCHS))).split(',')
    for a in archs:
        if a not in ARCHS:
            p.error(f'--arch: "{a}" is not one of {", ".join(ARCHS)}')
    cases = args.cases.split(',') if args.cases else []
    for c in cases:
        if c not in CASES:
            p.error(f'--cases: "{c}" is not one of {", ".join(CASES)}')
    runs = args.runs if args.runs is not None else (3 if args.quick else 5)
    long_runs = args.long_runs if args.long_runs is not None else runs
    long_warmup = args.long_warmup if args.long_warmup is not None else args.warmup
    if min(runs, long_runs, args.threads) < 1 or min(args.warmup, long_warmup) < 0:
        p.error('--runs, --long-runs and --threads must be ≥ 1, --warmup and --long-warmup ≥ 0')

    torch.set_num_threads(args.threads)
    started = time.time()
    out = {
        'engine': 'pytorch',
        'machine': {
            'cpu': cpu_model(),
            'nproc': os.cpu_count(),
            'loadavg_at_start': [round(x, 2) for x in os.getloadavg()],
            'python': platform.python_version(),
            'torch': torch.__version__,
            'torchvision': torchvision.__version__,
            'threads': torch.get_num_threads(),
            'mkldnn': torch.backends.mkldnn.is_available(),
            'schedstat': run_queue_wait_ms() is not None,
        },
        'settings': {'runs': runs, 'warmup': args.warmup, 'long_runs': long_runs, 'long_warmup': long_warmup,
                     'quick': args.quick, 'size': SIZE, 'batch': BATCH,
                     'statistic': f'median of {runs} runs after {args.warmup} warm-up run(s) '
                                  f'(occlusion, deletion/insertion: {long_runs} after {long_warmup})'},
        'models': {},
    }
    for arch in archs:
        out['models'][arch] = bench_arch(arch, runs, args.warmup, long_runs, long_warmup, cases)
    out['machine']['loadavg_at_end'] = [round(x, 2) for x in os.getloadavg()]
    out['peak_rss_mb'] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    out['seconds'] = round(time.time() - started, 1)
    print(json.dumps(out, indent=1))


def cpu_model():
    try:
        with open('/proc/cpuinfo') as f:
            for line in f:
                if line.startswith('model name'):
                    return line.split(':', 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


if __name__ == '__main__':
    main()
