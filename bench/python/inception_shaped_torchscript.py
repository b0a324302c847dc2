#!/usr/bin/env python3
"""Writes a TorchScript model with the layer shapes of Inception v3 (299x299 input, 2048 pool features, 1008
classes) and random weights, to measure what the Inception network costs on a machine that cannot have its real
weights: `gan eval images --features torchscript:FILE --input 3x299x299 --output logits,features` then runs the same
amount of arithmetic as `--features inception:inception-2015-12-05.pt`. Its scores mean nothing.

Layers as in Szegedy et al. 2016 ("Rethinking the Inception Architecture", figure 5-7 blocks), as the 2015-12-05
graph has them: convolutions without bias, each followed by batch norm (eps 1e-3, folded away in evaluation) and
ReLU; forward(x) takes (N, 3, 299, 299) and returns (logits (N, 1008), pool features (N, 2048)).

Usage: /usr/bin/python3 bench/python/inception_shaped_torchscript.py OUT.pt   (needs torch; 1.13 tested)
"""
import sys
from typing import Tuple

import torch
from torch import nn


class ConvBn(nn.Module):
    def __init__(self, cin: int, cout: int, k, stride=1, pad=0):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, k, stride=stride, padding=pad, bias=False)
        self.bn = nn.BatchNorm2d(cout, eps=1e-3)

    def forward(self, x):
        return torch.relu(self.bn(self.conv(x)))


class BlockA(nn.Module):                     # 35x35: 1x1, 5x5, double 3x3, pool branches
    def __init__(self, cin: int, pool_ch: int):
        super().__init__()
        self.b1 = ConvBn(cin, 64, 1)
        self.b5 = nn.Sequential(ConvBn(cin, 48, 1), ConvBn(48, 64, 5, pad=2))
        self.b3 = nn.Sequential(ConvBn(cin, 64, 1), ConvBn(64, 96, 3, pad=1), ConvBn(96, 96, 3, pad=1))
        self.bp = ConvBn(cin, pool_ch, 1)

    def forward(self, x):
        p = nn.functional.avg_pool2d(x, 3, 1, 1, count_include_pad=False)
        return torch.cat([self.b1(x), self.b5(x), self.b3(x), self.bp(p)], 1)


class ReduceA(nn.Module):                    # 35 -> 17
    def __init__(self, cin: int):
        super().__init__()
        self.b3 = ConvBn(cin, 384, 3, stride=2)
        self.bd = nn.Sequential(ConvBn(cin, 64, 1), ConvBn(64, 96, 3, pad=1), ConvBn(96, 96, 3, stride=2))

    def forward(self, x):
        return torch.cat([self.b3(x), self.bd(x), nn.functional.max_pool2d(x, 3, 2)], 1)


class BlockC(nn.Module):                     # 17x17: factorised 7x7 branches
    def __init__(self, cin: int, c7: int):
        super().__init__()
        self.b1 = ConvBn(cin, 192, 1)
        self.b7 = nn.Sequential(ConvBn(cin, c7, 1), ConvBn(c7, c7, (1, 7), pad=(0, 3)), ConvBn(c7, 192, (7, 1), pad=(3, 0)))
        self.bd = nn.Sequential(ConvBn(cin, c7, 1), ConvBn(c7, c7, (7, 1), pad=(3, 0)), ConvBn(c7, c7, (1, 7), pad=(0, 3)),
                                ConvBn(c7, c7, (7, 1), pad=(3, 0)), ConvBn(c7, 192, (1, 7), pad=(0, 3)))
        self.bp = ConvBn(cin, 192, 1)

    def forward(self, x):
        p = nn.functional.avg_pool2d(x, 3, 1, 1, count_include_pad=False)
        return torch.cat([self.b1(x), self.b7(x), self.bd(x), self.bp(p)], 1)


class ReduceB(nn.Module):                    # 17 -> 8
    def __init__(self, cin: int):
        super().__init__()
        self.b3 = nn.Sequential(ConvBn(cin, 192, 1), ConvBn(192, 320, 3, stride=2))
        self.b7 = nn.Sequential(ConvBn(cin, 192, 1), ConvBn(192, 192, (1, 7), pad=(0, 3)),
                                ConvBn(192, 192, (7, 1), pad=(3, 0)), ConvBn(192, 192, 3, stride=2))

    def forward(self, x):
        return torch.cat([self.b3(x), self.b7(x), nn.functional.max_pool2d(x, 3, 2)], 1)


class BlockE(nn.Module):                     # 8x8: expanded filter bank
    def __init__(self, cin: int, use_max: bool):
        super().__init__()
        self.use_max = use_max
        self.b1 = ConvBn(cin, 320, 1)
        self.b3 = ConvBn(cin, 384, 1)
        self.b3a = ConvBn(384, 384, (1, 3), pad=(0, 1))
        self.b3b = ConvBn(384, 384, (3, 1), pad=(1, 0))
        self.bd = nn.Sequential(ConvBn(cin, 448, 1), ConvBn(448, 384, 3, pad=1))
        self.bda = ConvBn(384, 384, (1, 3), pad=(0, 1))
        self.bdb = ConvBn(384, 384, (3, 1), pad=(1, 0))
        self.bp = ConvBn(cin, 192, 1)

    def forward(self, x):
        a = self.b3(x)
        d = self.bd(x)
        if self.use_max:
            p = nn.functional.max_pool2d(x, 3, 1, 1)
        else:
            p = nn.functional.avg_pool2d(x, 3, 1, 1, count_include_pad=False)
        return torch.cat([self.b1(x), self.b3a(a), self.b3b(a), self.bda(d), self.bdb(d), self.bp(p)], 1)


class InceptionShaped(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Sequential(ConvBn(3, 32, 3, stride=2), ConvBn(32, 32, 3), ConvBn(32, 64, 3, pad=1),
                                  nn.MaxPool2d(3, 2), ConvBn(64, 80, 1), ConvBn(80, 192, 3), nn.MaxPool2d(3, 2))
        self.blocks = nn.Sequential(BlockA(192, 32), BlockA(256, 64), BlockA(288, 64), ReduceA(288),
                                    BlockC(768, 128), BlockC(768, 160), BlockC(768, 160), BlockC(768, 192),
                                    ReduceB(768), BlockE(1280, False), BlockE(2048, True))
        self.output = nn.Linear(2048, 1008)

    def forward(self, x) -> Tuple[torch.Tensor, torch.Tensor]:
        f = torch.flatten(nn.functional.avg_pool2d(self.blocks(self.stem(x)), 8), 1)      # (N, 2048)
        return self.output(f), f


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    torch.manual_seed(0)
    m = InceptionShaped().eval()
    with torch.no_grad():
        logits, f = m(torch.zeros(2, 3, 299, 299))
    assert logits.shape == (2, 1008) and f.shape == (2, 2048), (logits.shape, f.shape)
    torch.jit.save(torch.jit.script(m), sys.argv[1])
    print(f"wrote {sys.argv[1]}: {sum(p.numel() for p in m.parameters())} weights")


if __name__ == "__main__":
    main()
