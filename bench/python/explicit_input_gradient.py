#!/usr/bin/env python3
"""Prototype, eager PyTorch: the WGAN-GP critic step with the critic's input gradient written as a forward graph.

textgan_steps.py takes dD/dx_hat with torch.autograd.grad(create_graph=True), so the penalty's backward runs
libtorch's double backward of every convolution. For the language critic the input gradient is short to write by
hand: the output layer's gradient is its weight (the same for every example), each residual block sends it back
through its two convolutions (as convolutions with the flipped, transposed weights) and the ReLU masks of a forward
pass without graph. The penalty's backward is then an ordinary first-order one. This script checks that the input
gradient and the penalty's weight gradients equal autograd's (largest relative difference), then times both critic
steps in one process, alternating blocks of 5 steps, and prints the ratio explicit/autograd (median and p10-p90).

  /usr/bin/python3 bench/python/explicit_input_gradient.py DIM BLOCKS     e.g. 64 20
"""
import argparse
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import torch
import torch.nn.functional as F

import textgan_steps as ts  # noqa: E402

torch.set_num_threads(2)

def input_grad_explicit(d, x):
    """dD/dx for the text critic, as a graph of first-order ops (differentiable w.r.t. the weights)."""
    B = x.shape[0]
    with torch.no_grad():                      # masks only: no graph for the forward
        h = d.input(x.transpose(1, 2))
        masks = []
        for r in d.res:
            m1 = (h > 0).to(h.dtype)
            u = r.conv1(F.relu(h))
            m2 = (u > 0).to(u.dtype)
            masks.append((m1, m2))
            h = h + ts.RESIDUAL_SCALE * r.conv2(F.relu(u))
    g = d.output.weight.reshape(1, d.dim, d.seq_len).expand(B, d.dim, d.seq_len)
    for r, (m1, m2) in zip(reversed(list(d.res)), reversed(masks)):
        gv = F.conv1d(g, r.conv2.weight.flip(-1).transpose(0, 1), padding=ts.KERNEL // 2) * ts.RESIDUAL_SCALE
        gu = F.conv1d(gv * m2, r.conv1.weight.flip(-1).transpose(0, 1), padding=ts.KERNEL // 2) * m1
        g = g + gu
    gx = F.conv1d(g, d.input.weight.transpose(0, 1))   # (B, V, T)
    return gx.transpose(1, 2)

class Explicit(ts.Steps):
    def critic_step(self):
        real = self.real_batch()
        with torch.no_grad():
            fake = self.g(torch.randn(self.b, ts.LATENT, device=self.device))
        d_real = self.score(real); d_fake = self.score(fake)
        alpha = torch.rand(self.b, 1, 1, device=self.device)
        x_hat = real + alpha * (fake - real)
        grad = input_grad_explicit(self.d, x_hat)
        norm = grad.reshape(self.b, -1).norm(2, dim=1)
        penalty = ts.LAMBDA * (norm - 1).square().mean()
        wasserstein = d_real.mean() - d_fake.mean()
        loss = penalty - wasserstein
        value = loss.item()
        for term in (wasserstein, penalty, norm.mean()): term.item()
        loss.backward(); self.opt_d.step(); self.opt_d.zero_grad(set_to_none=False)
        return value

args = argparse.Namespace(batch=64, length=32, vocab=96, dim=int(sys.argv[1]))
torch.manual_seed(0)
# correctness: same weights, same x_hat: autograd vs explicit input gradient and penalty weight gradients
s = ts.Steps(args, torch.device('cpu'))
x = torch.rand(64, 32, 96)
xh = x.clone().requires_grad_(True)
d_hat = s.score(xh)
(ga,) = torch.autograd.grad([d_hat], [xh], [torch.ones_like(d_hat)], create_graph=True)
pa = (ga.reshape(64, -1).norm(2, dim=1) - 1).square().mean()
wa = torch.autograd.grad(pa, list(s.d.parameters()), allow_unused=True)
ge = input_grad_explicit(s.d, x)
pe = (ge.reshape(64, -1).norm(2, dim=1) - 1).square().mean()
we = torch.autograd.grad(pe, list(s.d.parameters()), allow_unused=True)
print("input grad max rel diff", ((ga - ge).abs().max() / ga.abs().max()).item())
for (n, p), a, e in zip(s.d.named_parameters(), wa, we):
    if a is None and e is None: continue
    a = torch.zeros_like(p) if a is None else a; e = torch.zeros_like(p) if e is None else e
    print(f"  {n:22s} rel diff {((a - e).abs().max() / (a.abs().max() + 1e-30)).item():.2e}")
# timing: alternate blocks of 5 steps
torch.manual_seed(1); A = ts.Steps(args, torch.device('cpu'))
torch.manual_seed(1); E = Explicit(args, torch.device('cpu'))
for _ in range(30): A.critic_step(); E.critic_step()
ratios = []
for blk in range(int(sys.argv[2])):
    ta = []; te = []
    for k in range(5):
        t0 = time.perf_counter(); A.critic_step(); ta.append(time.perf_counter() - t0)
    for k in range(5):
        t0 = time.perf_counter(); E.critic_step(); te.append(time.perf_counter() - t0)
    ratios.append(statistics.median(te) / statistics.median(ta))
ratios.sort()
print(f"DIM {args.dim}: explicit/autograd critic step {statistics.median(ratios):.3f} (p10-p90 {ratios[len(ratios)//10]:.3f}-{ratios[len(ratios)*9//10]:.3f}); last medians {1e3*statistics.median(te):.1f} / {1e3*statistics.median(ta):.1f} ms")
