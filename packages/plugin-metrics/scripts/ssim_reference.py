#!/usr/bin/python3
"""Reference SSIM values for packages/plugin-metrics/src/ssim.test.ts, written from the formula of
Wang et al. 2004 with numpy only (scikit-image is not installed): an 11×11 Gaussian window of σ = 1.5
(normalised to sum 1), population (not sample) variances and covariance, K1 = 0.01, K2 = 0.03, the mean
over the positions whose whole window lies inside the image. This is what
skimage.metrics.structural_similarity(a, b, gaussian_weights=True, sigma=1.5,
use_sample_covariance=False, data_range=L) computes. Each window is evaluated directly in 2-D (no
separable filtering), independently of the TypeScript implementation.

Run: /usr/bin/python3 packages/plugin-metrics/scripts/ssim_reference.py
"""
import numpy as np

R = 5
SIGMA = 1.5
d = np.arange(-R, R + 1)
g1 = np.exp(-(d ** 2) / (2 * SIGMA ** 2))
g1 /= g1.sum()
G = np.outer(g1, g1)


def ssim(a, b, L):
    H, W = a.shape
    C1 = (0.01 * L) ** 2
    C2 = (0.03 * L) ** 2
    vals = []
    for y in range(R, H - R):
        for x in range(R, W - R):
            wa = a[y - R:y + R + 1, x - R:x + R + 1]
            wb = b[y - R:y + R + 1, x - R:x + R + 1]
            ma = (G * wa).sum()
            mb = (G * wb).sum()
            va = (G * (wa - ma) ** 2).sum()
            vb = (G * (wb - mb) ** 2).sum()
            cov = (G * (wa - ma) * (wb - mb)).sum()
            vals.append(((2 * ma * mb + C1) * (2 * cov + C2)) / ((ma ** 2 + mb ** 2 + C1) * (va + vb + C2)))
    return float(np.mean(vals))


H, W = 12, 14
y, x = np.mgrid[0:H, 0:W]
a = ((x * 7 + y * 13) % 17) / 16.0
b = ((x * x + 3 * y) % 11) / 10.0
c = a * 0.5 + 0.25
print("a vs b, L=1:", repr(ssim(a, b, 1.0)))
print("a vs 0.5a+0.25, L=1:", repr(ssim(a, c, 1.0)))
print("a vs a, L=1:", repr(ssim(a, a, 1.0)))
print("a vs b, L=2:", repr(ssim(a, b, 2.0)))
