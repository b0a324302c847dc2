#!/usr/bin/env python3
"""Eager PyTorch peer of ganlab's language-GAN training steps (bench/src/main/java/io/ganlab/bench/TextganSteps.java).

The same networks as textgan's Generator, Critic and ResidualBlock and the same steps as core's Trainer.criticStep /
generatorStep with the WGAN-GP objective (core's WganGp, InputGradient, Adam), written layer by layer:

  generator  z (B, 128) -> Linear(128 -> T*D) -> reshape (B, D, T) -> 5 residual blocks -> Conv1d(D -> V, k1)
             -> transpose -> softmax over V: (B, T, V)
  critic     x (B, T, V) -> transpose -> Conv1d(V -> D, k1) -> 5 residual blocks -> flatten channel-major (B, D*T)
             -> Linear(D*T -> 1): (B, 1)
  residual   out = x + 0.3 * conv5(relu(conv5(relu(x)))), 'same' padding, D -> D channels
  critic step     real one-hot batch; fake = G(z) without graph; D(real), D(fake), D(x_hat) as three forwards;
                  x_hat = real + alpha (fake - real), alpha ~ U[0, 1) per example; dD/dx_hat by
                  torch.autograd.grad(create_graph=True); loss = 10 mean((|g| - 1)^2) - (mean D(real) - mean D(fake));
                  the loss and its three logged terms read back; backward; Adam; gradients zeroed
  generator step  critic frozen; loss = -mean D(G(z)); read back; backward; Adam; gradients zeroed
  Adam            beta1 0.5, beta2 0.9, eps 1e-8, learning rate 1e-4 for both players

Prints one line, the format bench's StepTimesLine parses (plus the weight counts of both networks):
  textgan_steps impl=pytorch dim=64 ... critic_median_ms=... critic_p10_ms=... critic_p90_ms=... ...
"""
import argparse
import math
import sys
import time

import torch
import torch.nn.functional as F
from torch import nn

RESIDUAL_SCALE = 0.3   # textgan's Architecture.RESIDUAL_SCALE
KERNEL = 5             # textgan's Architecture.KERNEL
LATENT = 128
BLOCKS = 5
LAMBDA = 10.0          # WGAN-GP's penalty weight
LEARNING_RATE = 1e-4   # bench's TextganSteps


def xavier_avg_uniform_(w, magnitude):
    """DJL's XavierInitializer(UNIFORM, AVG, magnitude): U(-s, s), s = sqrt(magnitude / ((fan_in + fan_out) / 2)),
    fans counted with the kernel width; zero biases are set by the caller."""
    receptive = 1
    for k in w.shape[2:]:
        receptive *= k
    fan_in, fan_out = w.shape[1] * receptive, w.shape[0] * receptive
    bound = math.sqrt(magnitude / ((fan_in + fan_out) / 2.0))
    with torch.no_grad():
        w.uniform_(-bound, bound)


def conv(cin, cout, kernel):
    """textgan's ResidualBlock.conv: padding kernel // 2 ('same' for odd kernels), Xavier magnitude 6, zero bias."""
    c = nn.Conv1d(cin, cout, kernel, padding=kernel // 2)
    xavier_avg_uniform_(c.weight, 6.0)
    nn.init.zeros_(c.bias)
    return c


def linear(fin, fout):
    """A linear layer with textgan's Generator.glorot (Xavier magnitude 3) and zero bias."""
    lin = nn.Linear(fin, fout)
    xavier_avg_uniform_(lin.weight, 3.0)
    nn.init.zeros_(lin.bias)
    return lin


class ResidualBlock(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.conv1 = conv(dim, dim, KERNEL)
        self.conv2 = conv(dim, dim, KERNEL)

    def forward(self, x):                                       # (B, D, T)
        h = self.conv1(F.relu(x))
        h = self.conv2(F.relu(h))
        return x + RESIDUAL_SCALE * h                            # (B, D, T)


class Generator(nn.Module):
    def __init__(self, seq_len, vocab, dim):
        super().__init__()
        self.seq_len, self.dim = seq_len, dim
        self.input = linear(LATENT, seq_len * dim)
        self.res = nn.Sequential(*[ResidualBlock(dim) for _ in range(BLOCKS)])
        self.output = conv(dim, vocab, 1)

    def forward(self, z):                                        # (B, Z)
        h = self.input(z).reshape(z.shape[0], self.dim, self.seq_len)   # (B, D, T)
        h = self.res(h)                                          # (B, D, T)
        logits = self.output(h)                                  # (B, V, T)
        return torch.softmax(logits.transpose(1, 2), dim=2)      # (B, T, V)


class Critic(nn.Module):
    def __init__(self, seq_len, vocab, dim):
        super().__init__()
        self.seq_len, self.dim = seq_len, dim
        self.input = conv(vocab, dim, 1)
        self.res = nn.Sequential(*[ResidualBlock(dim) for _ in range(BLOCKS)])
        self.output = linear(dim * seq_len, 1)

    def forward(self, x):                                        # (B, T, V)
        h = self.input(x.transpose(1, 2))                        # (B, D, T)
        h = self.res(h)                                          # (B, D, T)
        h = h.reshape(x.shape[0], self.dim * self.seq_len)       # (B, D*T)
        return self.output(h)                                    # (B, 1)


class Steps:
    """The two training steps on one pair of networks."""

    def __init__(self, args, device):
        self.b, self.t, self.v = args.batch, args.length, args.vocab
        self.device = device
        self.g = Generator(self.t, self.v, args.dim).to(device)
        self.d = Critic(self.t, self.v, args.dim).to(device)
        self.opt_g = torch.optim.Adam(self.g.parameters(), lr=LEARNING_RATE, betas=(0.5, 0.9), eps=1e-8)
        self.opt_d = torch.optim.Adam(self.d.parameters(), lr=LEARNING_RATE, betas=(0.5, 0.9), eps=1e-8)

    def score(self, x):                                          # (B, ...) -> (B)
        return self.d(x).reshape(x.shape[0])

    def real_batch(self):
        """Exact one-hot rows of uniformly random characters, (B, T, V)."""
        chars = torch.randint(self.v, (self.b, self.t), device=self.device)
        return F.one_hot(chars, self.v).float()

    def penalty_gradient(self, x_hat):
        """dD/dx_hat with its graph: (B, T, V)."""
        x_hat = x_hat.requires_grad_(True)
        d_hat = self.score(x_hat)                                # (B)
        (grad,) = torch.autograd.grad([d_hat], [x_hat], [torch.ones_like(d_hat)], retain_graph=True,
                                      create_graph=True)
        return grad

    def critic_step(self):
        real = self.real_batch()                                 # (B, T, V)
        with torch.no_grad():
            fake = self.g(torch.randn(self.b, LATENT, device=self.device))   # (B, T, V), no generator graph
        d_real = self.score(real)                                # (B)
        d_fake = self.score(fake)                                # (B)
        alpha = torch.rand(self.b, 1, 1, device=self.device)     # (B, 1, 1)
        x_hat = real + alpha * (fake - real)
        grad = self.penalty_gradient(x_hat)                      # (B, T, V), differentiable
        norm = grad.reshape(self.b, -1).norm(2, dim=1)           # (B)
        penalty = LAMBDA * (norm - 1).square().mean()
        wasserstein = d_real.mean() - d_fake.mean()
        loss = penalty - wasserstein
        value = loss.item()
        for term in (wasserstein, penalty, norm.mean()):         # the logged terms, read back as ours does
            term.item()
        loss.backward()
        self.opt_d.step()
        self.opt_d.zero_grad(set_to_none=False)
        return value

    def generator_step(self):
        for p in self.d.parameters():                            # critic frozen: no gradient into its weights
            p.requires_grad_(False)
        try:
            fake = self.g(torch.randn(self.b, LATENT, device=self.device))   # (B, T, V)
            loss = -self.score(fake).mean()
            value = loss.item()
            loss.backward()
            self.opt_g.step()
            self.opt_g.zero_grad(set_to_none=False)
        finally:
            for p in self.d.parameters():
                p.requires_grad_(True)
        return value


def quantile(values, q):
    """The value at rank round(q (n - 1)) of the sorted values, rounding half up (bench's TextganStepBench)."""
    s = sorted(values)
    return s[min(len(s) - 1, int(math.floor(q * (len(s) - 1) + 0.5)))]


def timed(step, warmup, n, sync):
    """warmup untimed steps, then n timed ones: (seconds of the warm-up, milliseconds of each timed step)."""
    w0 = time.perf_counter()
    for _ in range(warmup):
        step()
    sync()
    warmup_s = time.perf_counter() - w0
    ms = []
    for _ in range(n):
        t0 = time.perf_counter()
        step()
        sync()
        ms.append((time.perf_counter() - t0) * 1e3)
    return warmup_s, ms


def serve(steps, warmup, sync):
    """Warm up both kinds of step, then time blocks of steps on request (see --serve)."""
    critic_warmup_s, _ = timed(steps.critic_step, warmup, 0, sync)
    timed(steps.generator_step, warmup, 0, sync)
    print("ready critic_warmup_s=%.3f" % critic_warmup_s, flush=True)
    for line in sys.stdin:
        words = line.split()
        if not words or words[0] == "quit":
            break
        step = {"critic": steps.critic_step, "generator": steps.generator_step}[words[0]]
        _, ms = timed(step, 0, int(words[1]), sync)
        print("times " + " ".join("%.3f" % t for t in ms), flush=True)
    return 0


def convolution_passes(args, device, sync):
    """The residual convolution (k 5, D -> D, 'same') timed pass by pass as this script's networks run it (Conv1d on
    contiguous (B, D, T)): forward, backward to the input, backward to the weight and bias. Each figure is the fastest of
    --repeats loops of --calls calls, per call (bench's ConvolutionPasses times ours the same way)."""
    b, d, t, pad = args.batch, args.dim, args.length, KERNEL // 2
    x = torch.randn(b, d, t, device=device)
    w = torch.randn(d, d, KERNEL, device=device) * 0.05
    g = torch.randn(b, d, t, device=device)
    passes = [
        ("forward", lambda: F.conv1d(x, w, None, 1, pad)),
        ("input_gradient", lambda: torch.ops.aten.convolution_backward(
            g, x, w, None, [1], [pad], [1], False, [0], 1, [True, False, False])),
        ("weight_gradient", lambda: torch.ops.aten.convolution_backward(
            g, x, w, [d], [1], [pad], [1], False, [0], 1, [False, True, True])),
    ]
    fields = [("impl", "pytorch"), ("version", torch.__version__.split("+")[0]), ("device", str(device)),
              ("dim", d), ("batch", b), ("length", t), ("threads", torch.get_num_threads())]
    best = {name: float("inf") for name, _ in passes}
    with torch.no_grad():
        for _, call in passes:                                   # warm-up: oneDNN makes its kernels
            for _ in range(max(1, args.calls // 5)):
                call()
        for _ in range(args.repeats):                            # the passes take turns, so drift hits all alike
            for name, call in passes:
                sync()
                t0 = time.perf_counter()
                for _ in range(args.calls):
                    call()
                sync()
                best[name] = min(best[name], (time.perf_counter() - t0) / args.calls * 1e3)
    fields += [(name + "_ms", "%.4f" % best[name]) for name, _ in passes]
    print("textgan_convolutions " + " ".join("%s=%s" % f for f in fields), flush=True)
    return 0


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--dim", type=int, default=64)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--length", type=int, default=32)
    p.add_argument("--vocab", type=int, default=96)
    p.add_argument("--steps", type=int, default=50, help="measured critic steps")
    p.add_argument("--generator-steps", type=int, default=20, help="measured generator steps")
    p.add_argument("--warmup", type=int, default=10, help="unmeasured steps of each kind first")
    p.add_argument("--threads", type=int, default=0, help="intra-op threads (0: PyTorch's default)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--device", default="cpu", help="cpu or cuda[:N]")
    p.add_argument("--serve", action="store_true",
                   help="after the warm-up print 'ready critic_warmup_s=S', then answer each stdin line 'critic K' or"
                        " 'generator K' with 'times' and the K step times in ms, until 'quit' (bench's interleaved"
                        " comparison)")
    p.add_argument("--convolutions", action="store_true",
                   help="instead of the steps, time the residual convolution's three passes and print one"
                        " 'textgan_convolutions' line (bench's ConvolutionPasses)")
    p.add_argument("--calls", type=int, default=50, help="with --convolutions: calls per timed loop")
    p.add_argument("--repeats", type=int, default=5, help="with --convolutions: timed loops per pass")
    args = p.parse_args(argv)
    if min(args.dim, args.batch, args.length, args.steps, args.generator_steps) < 1 or args.vocab < 2 \
            or args.warmup < 0:
        p.error("--dim, --batch, --length, --steps, --generator-steps must be >= 1, --vocab >= 2, --warmup >= 0")

    if args.threads > 0:
        torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    device = torch.device(args.device)
    sync = (lambda: torch.cuda.synchronize(device)) if device.type == "cuda" else (lambda: None)

    if args.convolutions:
        if min(args.calls, args.repeats) < 1:
            p.error("--calls and --repeats must be >= 1")
        return convolution_passes(args, device, sync)
    steps = Steps(args, device)
    if args.serve:
        return serve(steps, args.warmup, sync)
    critic_warmup_s, critic = timed(steps.critic_step, args.warmup, args.steps, sync)
    _, generator = timed(steps.generator_step, args.warmup, args.generator_steps, sync)

    fields = [("impl", "pytorch"), ("version", torch.__version__.split("+")[0]), ("device", str(device)),
              ("dim", args.dim), ("batch", args.batch), ("length", args.length), ("vocab", args.vocab),
              ("threads", torch.get_num_threads()),
              ("critic_weights", sum(p.numel() for p in steps.d.parameters())),
              ("generator_weights", sum(p.numel() for p in steps.g.parameters()))]
    for name, ms in (("critic", critic), ("generator", generator)):
        fields += [(name + "_median_ms", "%.3f" % quantile(ms, 0.5)), (name + "_p10_ms", "%.3f" % quantile(ms, 0.1)),
                   (name + "_p90_ms", "%.3f" % quantile(ms, 0.9)), (name + "_steps", len(ms))]
        if name == "critic":
            fields.append(("critic_warmup_s", "%.3f" % critic_warmup_s))
    print("textgan_steps " + " ".join("%s=%s" % f for f in fields), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
