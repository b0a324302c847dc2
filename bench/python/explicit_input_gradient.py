#!/usr/bin/env python3
"""Prototype, eager PyTorch: the WGAN-GP critic step with the critic's input gradient written as a forward graph.

textgan_steps.py takes dD/dx_hat with torch.autograd.grad(create_graph=True), so the penalty's backward runs
libtorch's double backward of every convolution. For the language critic the input gradient is short to write by
hand: the output layer's gradient is its weight (the same for every example), each residual block sends it back
through its two convolutions (as convolutions with the flipped, transposed weights) and the ReLU masks of a forward
pass without graph. The penalty's backward is then an ordinary first-order one. This script checks that the input
gradient and the penalty's weight gradients equal autograd's (largest relative difference), then times both critic
steps in one process, taking turns at blocks of 5 steps (the order swapped every block), and prints the ratio
explicit/autograd of the block medians: its median and 10th-90th percentiles over the blocks.

  /usr/bin/python3 bench/python/explicit_input_gradient.py --dim 64 --blocks 20
"""
import argparse
import os
import sys

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import textgan_steps as ts  # noqa: E402

BLOCK = 5   # steps per block, as bench's InterleavedComparison


def input_gradient(d, x):
    """dD/dx (B, T, V) for textgan_steps' critic, as a graph of first-order ops (differentiable in the weights)."""
    pad = ts.KERNEL // 2
    with torch.no_grad():                                         # the ReLU masks only: no graph for the forward
        h = d.input(x.transpose(1, 2))                            # (B, D, T)
        masks = []
        for r in d.res:
            u = r.conv1(F.relu(h))
            masks.append(((h > 0).to(h.dtype), (u > 0).to(u.dtype)))
            h = h + ts.RESIDUAL_SCALE * r.conv2(F.relu(u))
    g = d.output.weight.reshape(1, d.dim, d.seq_len).expand(x.shape[0], d.dim, d.seq_len)   # the same per example
    for r, (m1, m2) in zip(reversed(list(d.res)), reversed(masks)):
        gv = F.conv1d(g, r.conv2.weight.flip(-1).transpose(0, 1), padding=pad) * ts.RESIDUAL_SCALE
        g = g + F.conv1d(gv * m2, r.conv1.weight.flip(-1).transpose(0, 1), padding=pad) * m1
    return F.conv1d(g, d.input.weight.transpose(0, 1)).transpose(1, 2)   # (B, V, T) -> (B, T, V)


class Explicit(ts.Steps):
    """textgan_steps' steps with the penalty's input gradient from input_gradient."""

    def penalty_gradient(self, x_hat):
        return input_gradient(self.d, x_hat)


def check(args):
    """Largest relative differences, explicit against autograd, on one batch: input gradient and penalty gradients."""
    steps = ts.Steps(args, torch.device("cpu"))
    x = torch.rand(args.batch, args.length, args.vocab)
    params = list(steps.d.parameters())
    grads = []
    for g in (steps.penalty_gradient(x.clone()), input_gradient(steps.d, x)):
        penalty = (g.reshape(args.batch, -1).norm(2, dim=1) - 1).square().mean()
        grads.append((g, torch.autograd.grad(penalty, params, allow_unused=True)))
    (ga, wa), (ge, we) = grads
    print("input gradient: max relative difference %.2e" % ((ga - ge).abs().max() / ga.abs().max()).item())
    for (name, p), a, e in zip(steps.d.named_parameters(), wa, we):
        a = torch.zeros_like(p) if a is None else a
        e = torch.zeros_like(p) if e is None else e
        if a.abs().max() > 0 or e.abs().max() > 0:
            print("  penalty gradient of %-20s max relative difference %.2e"
                  % (name, ((a - e).abs().max() / a.abs().max()).item()))


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--dim", type=int, default=64)
    p.add_argument("--blocks", type=int, default=20)
    p.add_argument("--warmup", type=int, default=30, help="unmeasured critic steps of each first")
    p.add_argument("--threads", type=int, default=2)
    args = p.parse_args(argv)
    args.batch, args.length, args.vocab = 64, 32, 96              # textgan_steps' defaults, bench's shape
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    check(args)
    sides = []
    for cls in (ts.Steps, Explicit):
        torch.manual_seed(1)
        sides.append(cls(args, torch.device("cpu")))
    for s in sides:
        ts.timed(s.critic_step, args.warmup, 0, lambda: None)
    ratios, medians = [], ([], [])
    for b in range(args.blocks):
        ms = [None, None]
        for k in ((0, 1) if b % 2 == 0 else (1, 0)):
            ms[k] = ts.timed(sides[k].critic_step, 0, BLOCK, lambda: None)[1]
            medians[k].extend(ms[k])
        ratios.append(ts.quantile(ms[1], 0.5) / ts.quantile(ms[0], 0.5))
    print("DIM %d: explicit/autograd critic step %.2f (median of %d blocks, p10-p90 %.2f-%.2f; medians %.1f / %.1f ms)"
          % (args.dim, ts.quantile(ratios, 0.5), args.blocks, ts.quantile(ratios, 0.1), ts.quantile(ratios, 0.9),
             ts.quantile(medians[1], 0.5), ts.quantile(medians[0], 0.5)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
