#!/usr/bin/env bash
# How the committed fixtures of ImagePreparerTest were made, once, on Debian 12 (they are committed so that
# the tests need none of these tools). Packages: webp (cwebp 1.2.4), imagemagick (6.9.11), python3 + numpy.
set -euo pipefail
cd "$(dirname "$0")"
M=/usr/bin/convert

# lossless-4x3.webp: a 4x3 RGB image with the values listed in ImagePreparerTest.WEBP_4X3, lossless, exact
cat > /tmp/rgb-4x3.ppm <<'PPM'
P3
4 3
255
255 0 0   0 255 0   0 0 255   10 20 30
200 100 50   0 0 0   255 255 255   1 2 3
90 80 70   60 50 40   33 66 99   128 127 126
PPM
$M /tmp/rgb-4x3.ppm /tmp/rgb-4x3.png
cwebp -quiet -lossless -exact /tmp/rgb-4x3.png -o lossless-4x3.webp

# lossy-16x16.webp: left half (200, 30, 30), right half (30, 30, 200), lossy VP8 (what LSUN holds)
$M -size 8x16 'xc:rgb(200,30,30)' -size 8x16 'xc:rgb(30,30,200)' +append /tmp/halves.png
cwebp -quiet -q 95 /tmp/halves.png -o lossy-16x16.webp

# cmyk-16x16.jpg: quadrants white, red / blue, black (8x8 each), converted to CMYK by ImageMagick
$M \( -size 8x8 xc:white -size 8x8 'xc:rgb(255,0,0)' +append \) \
   \( -size 8x8 'xc:rgb(0,0,255)' -size 8x8 xc:black +append \) -append /tmp/quadrants.png
$M /tmp/quadrants.png -colorspace CMYK -quality 100 cmyk-16x16.jpg

# cifar-py3-batch.pickle / cifar-py3-meta.pickle: a CIFAR-10 batch of 2 images re-pickled by Python 3 and numpy 2
# (protocol 2: bytes keys and raw data come as _codecs.encode, the module is numpy._core.multiarray);
# pixel k of image i is (7 i + 3 k) % 256, labels [3, 7]
python3 - <<'PY'
import pickle, numpy as np
data = np.array([[(7 * i + 3 * k) % 256 for k in range(3072)] for i in range(2)], dtype=np.uint8)
batch = {b'batch_label': b'fixture batch', b'labels': [3, 7], b'data': data, b'filenames': [b'a.png', b'b.png']}
with open('cifar-py3-batch.pickle', 'wb') as f:
    pickle.dump(batch, f, protocol=2)
meta = {b'num_cases_per_batch': 2, b'label_names': [b'airplane', b'automobile', b'bird', b'cat', b'deer', b'dog',
        b'frog', b'horse', b'ship', b'truck'], b'num_vis': 3072}
with open('cifar-py3-meta.pickle', 'wb') as f:
    pickle.dump(meta, f, protocol=2)
PY
