"""Recorded wrong answers and accepted alternatives for 06_numerical_methods/numerical_methods.ipynb (instructor-only)."""

WRONG = {
    "float_formats": [
        dict(why="stops one halving too late: returns the unit roundoff eps/2 (loop condition 1 + eps != 1)", hidden_only=False, audit='lesson', code='''
def machine_epsilon(dtype):
    one = np.dtype(dtype).type(1)
    two = np.dtype(dtype).type(2)
    eps = one
    while one + eps != one:
        eps = eps / two
    return eps


def float_limits(dtype):
    one = np.dtype(dtype).type(1)
    two = np.dtype(dtype).type(2)
    eps = machine_epsilon(dtype)
    big = one
    with np.errstate(over="ignore"):
        while np.isfinite(big * two):
            big = big * two
    sub = one
    while sub / two > 0:
        sub = sub / two
    tiny = one
    while (tiny / two) * (one + eps) != tiny / two:
        tiny = tiny / two
    with np.errstate(over="ignore"):
        fmax = big * (two - eps)
    return {"max": fmax, "tiny": tiny, "smallest_subnormal": sub}
'''),
        dict(why="'tiny' taken as the smallest positive number (a subnormal) instead of the smallest normal", hidden_only=True, audit='lesson', code='''
def machine_epsilon(dtype):
    one = np.dtype(dtype).type(1)
    two = np.dtype(dtype).type(2)
    eps = one
    while one + eps / two > one:
        eps = eps / two
    return eps


def float_limits(dtype):
    one = np.dtype(dtype).type(1)
    two = np.dtype(dtype).type(2)
    eps = machine_epsilon(dtype)
    big = one
    with np.errstate(over="ignore"):
        while np.isfinite(big * two):
            big = big * two
    sub = one
    while sub / two > 0:
        sub = sub / two
    return {"max": big * (two - eps), "tiny": sub, "smallest_subnormal": sub}
'''),
        dict(why="max is the largest power of two 2**emax, forgetting the mantissa (2 - eps)", hidden_only=False, code='''
def machine_epsilon(dtype):
    one = np.dtype(dtype).type(1)
    two = np.dtype(dtype).type(2)
    eps = one
    while one + eps / two > one:
        eps = eps / two
    return eps


def float_limits(dtype):
    one = np.dtype(dtype).type(1)
    two = np.dtype(dtype).type(2)
    eps = machine_epsilon(dtype)
    big = one
    with np.errstate(over="ignore"):
        while np.isfinite(big * two):
            big = big * two
    sub = one
    while sub / two > 0:
        sub = sub / two
    tiny = one
    while (tiny / two) * (one + eps) != tiny / two:
        tiny = tiny / two
    return {"max": big, "tiny": tiny, "smallest_subnormal": sub}
'''),
        dict(why="audit: reads the limits from np.finfo, which the docstring forbids", hidden_only=True, audit='library', code='''
def machine_epsilon(dtype):
    return np.finfo(dtype).eps


def float_limits(dtype):
    fi = np.finfo(dtype)
    return {"max": fi.max, "tiny": fi.tiny, "smallest_subnormal": fi.smallest_subnormal}
'''),
        dict(why="audit: machine_epsilon halves Python floats (float64) and casts at the end: the docstring's 'every operation in the given dtype' broken, float16/32 epsilon underflows", hidden_only=False, audit='promise', code='''
def machine_epsilon(dtype):
    eps = 1.0
    while 1.0 + eps / 2 > 1.0:
        eps = eps / 2
    return np.dtype(dtype).type(eps)


def float_limits(dtype):
    one = np.dtype(dtype).type(1)
    two = np.dtype(dtype).type(2)
    eps = machine_epsilon(dtype)
    big = one
    with np.errstate(over="ignore"):
        while np.isfinite(big * two):
            big = big * two
    fmax = big * (two - eps)
    sub = one
    while sub / two > 0:
        sub = sub / two
    tiny = one
    while (tiny / two) * (one + eps) != tiny / two:
        tiny = tiny / two
    return {"max": fmax, "tiny": tiny, "smallest_subnormal": sub}
'''),
        dict(why='audit: max as 2 * 2**emax - eps * 2**emax: the intermediate 2**(emax+1) overflows to inf', hidden_only=False, audit='stability', code='''
def machine_epsilon(dtype):
    one = np.dtype(dtype).type(1)
    two = np.dtype(dtype).type(2)
    eps = one
    while one + eps / two > one:
        eps = eps / two
    return eps


def float_limits(dtype):
    one = np.dtype(dtype).type(1)
    two = np.dtype(dtype).type(2)
    eps = machine_epsilon(dtype)
    big = one
    with np.errstate(over="ignore"):
        while np.isfinite(big * two):
            big = big * two
        fmax = two * big - eps * big
    sub = one
    while sub / two > 0:
        sub = sub / two
    tiny = one
    while (tiny / two) * (one + eps) != tiny / two:
        tiny = tiny / two
    return {"max": fmax, "tiny": tiny, "smallest_subnormal": sub}
'''),
    ],
    "stable_quadratic": [
        dict(why="textbook formula: the small root cancels catastrophically", hidden_only=False, audit=('stability', 'lesson'), code='''
def quadratic_roots(a, b, c):
    d = np.sqrt(b * b - 4 * a * c)
    r1 = (-b - d) / (2 * a)
    r2 = (-b + d) / (2 * a)
    return np.minimum(r1, r2), np.maximum(r1, r2)
'''),
        dict(why="uses np.sign(b): q = 0 when b == 0", hidden_only=True, audit='promise', code='''
def quadratic_roots(a, b, c):
    a, b, c = np.asarray(a, float), np.asarray(b, float), np.asarray(c, float)
    q = -0.5 * (b + np.sign(b) * np.sqrt(b * b - 4 * a * c))
    r1, r2 = q / a, c / q
    return np.minimum(r1, r2)[()], np.maximum(r1, r2)[()]
'''),
        dict(why="returns (q/a, c/q) unsorted: wrong order whenever q/a > c/q", hidden_only=False, audit='promise', code='''
def quadratic_roots(a, b, c):
    a, b, c = np.asarray(a, float), np.asarray(b, float), np.asarray(c, float)
    q = -0.5 * (b + np.copysign(np.sqrt(b * b - 4 * a * c), b))
    return (q / a)[()], (c / q)[()]
'''),
        dict(why="audit: stable large root, small root from Vieta's SUM -b/a - x1: cancels exactly where the textbook formula does", hidden_only=False, audit='stability', code='''
def quadratic_roots(a, b, c):
    a, b, c = np.asarray(a, float), np.asarray(b, float), np.asarray(c, float)
    q = -0.5 * (b + np.copysign(np.sqrt(b * b - 4 * a * c), b))
    r1 = q / a
    r2 = -b / a - r1
    return np.minimum(r1, r2)[()], np.maximum(r1, r2)[()]
'''),
        dict(why='audit: np.roots (eigenvalues of the companion matrix) in a loop: accurate, but the stable formula is never written', hidden_only=True, audit='library', code='''
def quadratic_roots(a, b, c):
    a, b, c = np.broadcast_arrays(np.asarray(a, float), np.asarray(b, float), np.asarray(c, float))
    x1, x2 = np.empty(a.shape), np.empty(a.shape)
    for i in np.ndindex(a.shape):
        r = np.sort(np.roots([a[i], b[i], c[i]]).real)
        x1[i], x2[i] = r[0], r[1]
    return x1[()], x2[()]
'''),
    ],
    "summation": [
        dict(why="Kahan's recurrence in float64, cast back to x.dtype at the end", hidden_only=True, code='''
def naive_sum(x):
    s = x.dtype.type(0)
    for v in x:
        s = s + v
    return s


def kahan_sum(x):
    s = c = 0.0
    for v in x.astype(np.float64):
        y = v - c
        t = s + y
        c = (t - s) - y
        s = t
    return x.dtype.type(s)


def pairwise_sum(x, block=8):
    n = len(x)
    if n <= block:
        return naive_sum(x)
    m = n // 2
    return pairwise_sum(x[:m], block) + pairwise_sum(x[m:], block)
'''),
        dict(why="pairwise_sum calls np.sum (pairwise, but float16 is accumulated in float32)", hidden_only=True, audit='library', code='''
def naive_sum(x):
    s = x.dtype.type(0)
    for v in x:
        s = s + v
    return s


def kahan_sum(x):
    s = x.dtype.type(0)
    c = x.dtype.type(0)
    for v in x:
        y = v - c
        t = s + y
        c = (t - s) - y
        s = t
    return s


def pairwise_sum(x, block=8):
    return np.sum(x)
'''),
        dict(why="naive_sum uses np.sum, which is pairwise (and accumulates float16 in float32)", hidden_only=False, code='''
def naive_sum(x):
    return np.sum(x)


def kahan_sum(x):
    s = x.dtype.type(0)
    c = x.dtype.type(0)
    for v in x:
        y = v - c
        t = s + y
        c = (t - s) - y
        s = t
    return s


def pairwise_sum(x, block=8):
    n = len(x)
    if n <= block:
        return naive_sum(x)
    m = n // 2
    return pairwise_sum(x[:m], block) + pairwise_sum(x[m:], block)
'''),
        dict(why="accumulates in a Python float (float64) and casts back at the end", hidden_only=False, audit=('promise', 'lesson'), code='''
def naive_sum(x):
    s = 0.0
    for v in x:
        s += float(v)
    return x.dtype.type(s)


def kahan_sum(x):
    s = x.dtype.type(0)
    c = x.dtype.type(0)
    for v in x:
        y = v - c
        t = s + y
        c = (t - s) - y
        s = t
    return s


def pairwise_sum(x, block=8):
    n = len(x)
    if n <= block:
        return naive_sum(x)
    m = n // 2
    return pairwise_sum(x[:m], block) + pairwise_sum(x[m:], block)
'''),
        dict(why="naive_sum loops over range(len(x) - 1) and misses the last element", hidden_only=False, code='''
def naive_sum(x):
    s = x.dtype.type(0)
    for i in range(len(x) - 1):
        s = s + x[i]
    return s


def kahan_sum(x):
    s = x.dtype.type(0)
    c = x.dtype.type(0)
    for v in x:
        y = v - c
        t = s + y
        c = (t - s) - y
        s = t
    return s


def pairwise_sum(x, block=8):
    n = len(x)
    if n <= block:
        return naive_sum(x)
    m = n // 2
    return pairwise_sum(x[:m], block) + pairwise_sum(x[m:], block)
'''),
        dict(why="Kahan with the compensation sign flipped (y = x_i + c): the error is doubled, not removed", hidden_only=False, audit='lesson', code='''
def naive_sum(x):
    s = x.dtype.type(0)
    for v in x:
        s = s + v
    return s


def kahan_sum(x):
    s = x.dtype.type(0)
    c = x.dtype.type(0)
    for v in x:
        y = v + c
        t = s + y
        c = (t - s) - y
        s = t
    return s


def pairwise_sum(x, block=8):
    n = len(x)
    if n <= block:
        return naive_sum(x)
    m = n // 2
    return pairwise_sum(x[:m], block) + pairwise_sum(x[m:], block)
'''),
        dict(why="Kahan starts the sum at x[0] and then loops over all of x: x[0] counted twice", hidden_only=True, code='''
def naive_sum(x):
    s = x.dtype.type(0)
    for v in x:
        s = s + v
    return s


def kahan_sum(x):
    if len(x) == 0:
        return x.dtype.type(0)
    s = x[0]
    c = x.dtype.type(0)
    for v in x:
        y = v - c
        t = s + y
        c = (t - s) - y
        s = t
    return s


def pairwise_sum(x, block=8):
    n = len(x)
    if n <= block:
        return naive_sum(x)
    m = n // 2
    return pairwise_sum(x[:m], block) + pairwise_sum(x[m:], block)
'''),
        dict(why="Kahan loop over range(len(x) - 1): misses the last element (hidden by float16 rounding on the ones)", hidden_only=True, code='''
def naive_sum(x):
    s = x.dtype.type(0)
    for v in x:
        s = s + v
    return s


def kahan_sum(x):
    s = x.dtype.type(0)
    c = x.dtype.type(0)
    for i in range(len(x) - 1):
        y = x[i] - c
        t = s + y
        c = (t - s) - y
        s = t
    return s


def pairwise_sum(x, block=8):
    n = len(x)
    if n <= block:
        return naive_sum(x)
    m = n // 2
    return pairwise_sum(x[:m], block) + pairwise_sum(x[m:], block)
'''),
        dict(why="pairwise split into x[:m] and x[m:2m]: drops the last element of every odd-length piece", hidden_only=True, code='''
def naive_sum(x):
    s = x.dtype.type(0)
    for v in x:
        s = s + v
    return s


def kahan_sum(x):
    s = x.dtype.type(0)
    c = x.dtype.type(0)
    for v in x:
        y = v - c
        t = s + y
        c = (t - s) - y
        s = t
    return s


def pairwise_sum(x, block=8):
    n = len(x)
    if n <= block:
        return naive_sum(x)
    m = n // 2
    return pairwise_sum(x[:m], block) + pairwise_sum(x[m:2 * m], block)
'''),
        dict(why="audit: pairwise base case n < block instead of n <= block (the docstring's stopping rule): pieces of exactly `block` are split again", hidden_only=True, audit='promise', code='''
def naive_sum(x):
    s = x.dtype.type(0)
    for v in x:
        s = s + v
    return s


def kahan_sum(x):
    s = x.dtype.type(0)
    c = x.dtype.type(0)
    for v in x:
        y = v - c
        t = s + y
        c = (t - s) - y
        s = t
    return s


def pairwise_sum(x, block=8):
    n = len(x)
    if n < block or n <= 1:
        return naive_sum(x)
    m = n // 2
    return pairwise_sum(x[:m], block) + pairwise_sum(x[m:], block)
'''),
        dict(why="audit: Kahan's compensation 'simplified' to c = t - (s + y), which is exactly 0 in floating point: a naive sum", hidden_only=False, audit='stability', code='''
def naive_sum(x):
    s = x.dtype.type(0)
    for v in x:
        s = s + v
    return s


def kahan_sum(x):
    s = x.dtype.type(0)
    c = x.dtype.type(0)
    for v in x:
        y = v - c
        t = s + y
        c = t - (s + y)
        s = t
    return s


def pairwise_sum(x, block=8):
    n = len(x)
    if n <= block:
        return naive_sum(x)
    m = n // 2
    return pairwise_sum(x[:m], block) + pairwise_sum(x[m:], block)
'''),
        dict(why="audit: Kahan from Python floats s = c = 0.0: NumPy 2 keeps x.dtype once a value is added, but an empty array returns the Python float 0.0, not a scalar of x.dtype", hidden_only=True, audit="promise", code='''
def naive_sum(x):
    s = x.dtype.type(0)
    for v in x:
        s = s + v
    return s


def kahan_sum(x):
    s = c = 0.0
    for v in x:
        y = v - c
        t = s + y
        c = (t - s) - y
        s = t
    return s


def pairwise_sum(x, block=8):
    n = len(x)
    if n <= block:
        return naive_sum(x)
    m = n // 2
    return pairwise_sum(x[:m], block) + pairwise_sum(x[m:], block)
'''),
    ],
    "mixed_precision": [
        dict(why="multiplies in float16 (NumPy rounds the float16 result, overflows above 65504) and casts afterwards", hidden_only=True, audit='lesson', code='''
def matvec_fp16_fp32acc(W, x):
    return (W @ x).astype(np.float32)
'''),
        dict(why="accumulates in float64", hidden_only=False, audit='promise', code='''
def matvec_fp16_fp32acc(W, x):
    return W.astype(np.float64) @ x.astype(np.float64)
'''),
        dict(why="forms the products in float16 (W * x) and only sums in float32", hidden_only=True, audit='stability', code='''
def matvec_fp16_fp32acc(W, x):
    return np.sum(W * x, axis=1, dtype=np.float32)
'''),
    ],
    "loss_scaling": [
        dict(why="divides by scale directly: float32 / np.float64 scalar is float64 in NumPy 2", hidden_only=True, audit=('promise', 'lesson'), code='''
def unscale_grads(grads16, scale):
    grads32 = [g.astype(np.float32) / scale for g in grads16]
    found_inf = any(bool(np.any(~np.isfinite(g))) for g in grads16)
    return grads32, found_inf


def update_scale(scale, found_inf, growth_tracker, growth_factor=2.0, backoff_factor=0.5, growth_interval=2000):
    if found_inf:
        return scale * backoff_factor, 0
    growth_tracker += 1
    if growth_tracker == growth_interval:
        return scale * growth_factor, 0
    return scale, growth_tracker
'''),
        dict(why="checks only np.isinf: a nan gradient goes unnoticed", hidden_only=True, audit='lesson', code='''
def unscale_grads(grads16, scale):
    grads32 = [g.astype(np.float32) * np.float32(1.0 / scale) for g in grads16]
    found_inf = any(bool(np.any(np.isinf(g))) for g in grads16)
    return grads32, found_inf


def update_scale(scale, found_inf, growth_tracker, growth_factor=2.0, backoff_factor=0.5, growth_interval=2000):
    if found_inf:
        return scale * backoff_factor, 0
    growth_tracker += 1
    if growth_tracker == growth_interval:
        return scale * growth_factor, 0
    return scale, growth_tracker
'''),
        dict(why="unscales in float16 and converts afterwards: small gradients flush to zero", hidden_only=True, audit=('stability', 'lesson'), code='''
def unscale_grads(grads16, scale):
    grads32 = [(g / scale).astype(np.float32) for g in grads16]
    found_inf = any(bool(np.any(~np.isfinite(g))) for g in grads16)
    return grads32, found_inf


def update_scale(scale, found_inf, growth_tracker, growth_factor=2.0, backoff_factor=0.5, growth_interval=2000):
    if found_inf:
        return scale * backoff_factor, 0
    growth_tracker += 1
    if growth_tracker == growth_interval:
        return scale * growth_factor, 0
    return scale, growth_tracker
'''),
        dict(why="update_scale hard-codes 2, 0.5 and 2000 instead of using its arguments", hidden_only=True, code='''
def unscale_grads(grads16, scale):
    grads32 = [g.astype(np.float32) * np.float32(1.0 / scale) for g in grads16]
    found_inf = any(bool(np.any(~np.isfinite(g))) for g in grads16)
    return grads32, found_inf


def update_scale(scale, found_inf, growth_tracker, growth_factor=2.0, backoff_factor=0.5, growth_interval=2000):
    if found_inf:
        return scale * 0.5, 0
    growth_tracker += 1
    if growth_tracker == 2000:
        return scale * 2.0, 0
    return scale, growth_tracker
'''),
        dict(why="off by one: grows only when the tracker exceeds growth_interval", hidden_only=False, audit='promise', code='''
def unscale_grads(grads16, scale):
    grads32 = [g.astype(np.float32) * np.float32(1.0 / scale) for g in grads16]
    found_inf = any(bool(np.any(~np.isfinite(g))) for g in grads16)
    return grads32, found_inf


def update_scale(scale, found_inf, growth_tracker, growth_factor=2.0, backoff_factor=0.5, growth_interval=2000):
    if found_inf:
        return scale * backoff_factor, 0
    growth_tracker += 1
    if growth_tracker > growth_interval:
        return scale * growth_factor, 0
    return scale, growth_tracker
'''),
    ],
    "welford": [
        dict(why="m2 updated with the OLD mean on both sides, m2 += delta**2 (over-counts by n/(n-1))", hidden_only=False, code='''
def welford_update(state, x):
    n, mean, m2 = state
    delta = x - mean
    return n + 1, mean + delta / (n + 1), m2 + delta * delta


def welford_variance(xs, ddof=1):
    state = (0, 0.0, 0.0)
    for x in xs:
        state = welford_update(state, float(x))
    return state[2] / (state[0] - ddof)


def merge_stats(a, b):
    na, ma, m2a = a
    nb, mb, m2b = b
    n = na + nb
    d = mb - ma
    return n, ma + d * nb / n, m2a + m2b + d * d * na * nb / n
'''),
        dict(why="audit (stability): the textbook formula in disguise, the state converted to sums and sums of squares", hidden_only=True, audit='stability', code='''
def welford_update(state, x):
    n, mean, m2 = state
    s = n * mean + x
    ss = m2 + n * mean * mean + x * x
    n = n + 1
    mean = s / n
    return n, mean, ss - s * s / n


def welford_variance(xs, ddof=1):
    state = (0, 0.0, 0.0)
    for x in xs:
        state = welford_update(state, float(x))
    return state[2] / (state[0] - ddof)


def merge_stats(a, b):
    na, ma, m2a = a
    nb, mb, m2b = b
    n = na + nb
    d = mb - ma
    return n, ma + d * nb / n, m2a + m2b + d * d * na * nb / n
'''),
        dict(why="audit (library earns the points): welford_variance collects the stream and calls np.var", hidden_only=True, audit='library', code='''
def welford_update(state, x):
    n, mean, m2 = state
    n = n + 1
    delta = x - mean
    mean = mean + delta / n
    return n, mean, m2 + delta * (x - mean)


def welford_variance(xs, ddof=1):
    return float(np.var(np.fromiter(xs, dtype=float), ddof=ddof))


def merge_stats(a, b):
    na, ma, m2a = a
    nb, mb, m2b = b
    n = na + nb
    d = mb - ma
    return n, ma + d * nb / n, m2a + m2b + d * d * na * nb / n
'''),
        dict(why="ddof ignored: always divides by n - 1", hidden_only=False, audit='promise', code='''
def welford_update(state, x):
    n, mean, m2 = state
    n = n + 1
    delta = x - mean
    mean = mean + delta / n
    return n, mean, m2 + delta * (x - mean)


def welford_variance(xs, ddof=1):
    state = (0, 0.0, 0.0)
    for x in xs:
        state = welford_update(state, float(x))
    return state[2] / (state[0] - 1)


def merge_stats(a, b):
    na, ma, m2a = a
    nb, mb, m2b = b
    n = na + nb
    d = mb - ma
    return n, ma + d * nb / n, m2a + m2b + d * d * na * nb / n
'''),
        dict(why="merge adds the two m2 and forgets the between-groups term delta^2 n_a n_b / n", hidden_only=False, audit='lesson', code='''
def welford_update(state, x):
    n, mean, m2 = state
    n = n + 1
    delta = x - mean
    mean = mean + delta / n
    return n, mean, m2 + delta * (x - mean)


def welford_variance(xs, ddof=1):
    state = (0, 0.0, 0.0)
    for x in xs:
        state = welford_update(state, float(x))
    return state[2] / (state[0] - ddof)


def merge_stats(a, b):
    na, ma, m2a = a
    nb, mb, m2b = b
    n = na + nb
    return n, (na * ma + nb * mb) / n, m2a + m2b
'''),
        dict(why="audit (stability): merge through sums of squares, m2 = (ss_a + ss_b) - n mean^2: cancels at a large mean", hidden_only=True, audit=('stability', 'lesson'), code='''
def welford_update(state, x):
    n, mean, m2 = state
    n = n + 1
    delta = x - mean
    mean = mean + delta / n
    return n, mean, m2 + delta * (x - mean)


def welford_variance(xs, ddof=1):
    state = (0, 0.0, 0.0)
    for x in xs:
        state = welford_update(state, float(x))
    return state[2] / (state[0] - ddof)


def merge_stats(a, b):
    na, ma, m2a = a
    nb, mb, m2b = b
    n = na + nb
    mean = (na * ma + nb * mb) / n
    ss = m2a + na * ma * ma + m2b + nb * mb * mb
    return n, mean, ss - n * mean * mean
'''),
        dict(why='audit: welford_variance stores the stream in a list and makes two passes (mean, then squared deviations): welford_update never used, not one pass', hidden_only=True, audit='promise', code='''
def welford_update(state, x):
    n, mean, m2 = state
    n = n + 1
    delta = x - mean
    mean = mean + delta / n
    return n, mean, m2 + delta * (x - mean)


def welford_variance(xs, ddof=1):
    vals = [float(x) for x in xs]
    m = sum(vals) / len(vals)
    return sum((v - m) ** 2 for v in vals) / (len(vals) - ddof)


def merge_stats(a, b):
    na, ma, m2a = a
    nb, mb, m2b = b
    n = na + nb
    d = mb - ma
    return n, ma + d * nb / n, m2a + m2b + d * d * na * nb / n
'''),
    ],
    "cholesky": [
        dict(why="calls np.linalg.cholesky, which the docstring forbids (its LinAlgError is a ValueError)", hidden_only=True, audit='library', code='''
def cholesky(A):
    return np.linalg.cholesky(A)
'''),
        dict(why="returns the upper factor L.T", hidden_only=False, audit='promise', code='''
def cholesky(A):
    n = A.shape[0]
    L = np.zeros_like(A, dtype=float)
    for j in range(n):
        d = A[j, j] - L[j, :j] @ L[j, :j]
        if d <= 0:
            raise ValueError("not positive definite")
        L[j, j] = np.sqrt(d)
        L[j + 1:, j] = (A[j + 1:, j] - L[j + 1:, :j] @ L[j, :j]) / L[j, j]
    return L.T
'''),
        dict(why="forgets to subtract the earlier columns below the diagonal (right for 2x2 only)", hidden_only=True, code='''
def cholesky(A):
    n = A.shape[0]
    L = np.zeros_like(A, dtype=float)
    for j in range(n):
        d = A[j, j] - L[j, :j] @ L[j, :j]
        if d <= 0:
            raise ValueError("not positive definite")
        L[j, j] = np.sqrt(d)
        L[j + 1:, j] = A[j + 1:, j] / L[j, j]
    return L
'''),
        dict(why="no positive-definiteness check: returns nan instead of raising", hidden_only=True, audit='lesson', code='''
def cholesky(A):
    n = A.shape[0]
    L = np.zeros_like(A, dtype=float)
    for j in range(n):
        L[j, j] = np.sqrt(A[j, j] - L[j, :j] @ L[j, :j])
        L[j + 1:, j] = (A[j + 1:, j] - L[j + 1:, :j] @ L[j, :j]) / L[j, j]
    return L
'''),
        dict(why="audit: tests the pivot with d < 0, so a zero pivot (singular PSD matrix, zero leading minor) goes through", hidden_only=True, audit=('promise', 'stability'), code='''
def cholesky(A):
    n = A.shape[0]
    L = np.zeros_like(A, dtype=float)
    for j in range(n):
        d = A[j, j] - L[j, :j] @ L[j, :j]
        if d < 0:
            raise ValueError("not positive definite")
        L[j, j] = np.sqrt(d)
        with np.errstate(divide="ignore", invalid="ignore"):
            L[j + 1:, j] = (A[j + 1:, j] - L[j + 1:, :j] @ L[j, :j]) / L[j, j]
    return L
'''),
    ],
    "gram_schmidt": [
        dict(why="'modified' Gram-Schmidt that still projects the ORIGINAL column (it is classical GS)", hidden_only=True, audit=('stability', 'lesson'), code='''
def qr_classical_gs(A):
    m, n = A.shape
    Q = np.zeros((m, n))
    R = np.zeros((n, n))
    for j in range(n):
        v = A[:, j].copy()
        for i in range(j):
            R[i, j] = Q[:, i] @ A[:, j]
            v = v - R[i, j] * Q[:, i]
        R[j, j] = np.linalg.norm(v)
        Q[:, j] = v / R[j, j]
    return Q, R


def qr_modified_gs(A):
    m, n = A.shape
    Q = np.zeros((m, n))
    R = np.zeros((n, n))
    for j in range(n):
        v = A[:, j].copy()
        for i in range(j):
            R[i, j] = Q[:, i] @ A[:, j]
            v = v - R[i, j] * Q[:, i]
        R[j, j] = np.linalg.norm(v)
        Q[:, j] = v / R[j, j]
    return Q, R
'''),
        dict(why="'classical' Gram-Schmidt written as the modified algorithm (coefficients from the updated vector)", hidden_only=True, code='''
def qr_classical_gs(A):
    m, n = A.shape
    Q = np.zeros((m, n))
    R = np.zeros((n, n))
    for j in range(n):
        v = A[:, j].copy()
        for i in range(j):
            R[i, j] = Q[:, i] @ v
            v = v - R[i, j] * Q[:, i]
        R[j, j] = np.linalg.norm(v)
        Q[:, j] = v / R[j, j]
    return Q, R


def qr_modified_gs(A):
    m, n = A.shape
    Q = np.zeros((m, n))
    R = np.zeros((n, n))
    for j in range(n):
        v = A[:, j].copy()
        for i in range(j):
            R[i, j] = Q[:, i] @ v
            v = v - R[i, j] * Q[:, i]
        R[j, j] = np.linalg.norm(v)
        Q[:, j] = v / R[j, j]
    return Q, R
'''),
        dict(why="forgets to normalize: Q[:, j] = v", hidden_only=False, code='''
def qr_classical_gs(A):
    m, n = A.shape
    Q = np.zeros((m, n))
    R = np.zeros((n, n))
    for j in range(n):
        R[:j, j] = Q[:, :j].T @ A[:, j]
        v = A[:, j] - Q[:, :j] @ R[:j, j]
        R[j, j] = np.linalg.norm(v)
        Q[:, j] = v
    return Q, R


def qr_modified_gs(A):
    m, n = A.shape
    Q = np.zeros((m, n))
    R = np.zeros((n, n))
    for j in range(n):
        v = A[:, j].copy()
        for i in range(j):
            R[i, j] = Q[:, i] @ v
            v = v - R[i, j] * Q[:, i]
        R[j, j] = np.linalg.norm(v)
        Q[:, j] = v
    return Q, R
'''),
        dict(why="issue 13: np.linalg.qr (Householder) with the signs fixed so that diag(R) > 0: Gram-Schmidt never written", hidden_only=True, audit='library', code='''
def _qr_signed(A):
    Q, R = np.linalg.qr(A)
    s = np.sign(np.diag(R))
    s[s == 0] = 1.0
    return Q * s, R * s[:, None]


def qr_classical_gs(A):
    m, n = A.shape
    Q = np.zeros((m, n))
    R = np.zeros((n, n))
    for j in range(n):
        R[:j, j] = Q[:, :j].T @ A[:, j]
        v = A[:, j] - Q[:, :j] @ R[:j, j]
        R[j, j] = np.linalg.norm(v)
        Q[:, j] = v / R[j, j]
    return Q, R


def qr_modified_gs(A):
    return _qr_signed(A)
'''),
        dict(why="MGS followed by a second orthogonalization pass (MGS2): keeps orthogonality at O(u), not the one-pass MGS asked for", hidden_only=True, audit='promise', code='''
def qr_classical_gs(A):
    m, n = A.shape
    Q = np.zeros((m, n))
    R = np.zeros((n, n))
    for j in range(n):
        R[:j, j] = Q[:, :j].T @ A[:, j]
        v = A[:, j] - Q[:, :j] @ R[:j, j]
        R[j, j] = np.linalg.norm(v)
        Q[:, j] = v / R[j, j]
    return Q, R


def qr_modified_gs(A):
    m, n = A.shape
    Q = np.zeros((m, n))
    R = np.zeros((n, n))
    for j in range(n):
        v = A[:, j].copy()
        for _pass in range(2):
            for i in range(j):
                c = Q[:, i] @ v
                R[i, j] += c
                v = v - c * Q[:, i]
        R[j, j] = np.linalg.norm(v)
        Q[:, j] = v / R[j, j]
    return Q, R
'''),
    ],
    "least_squares": [
        dict(why="issue 13: normal equations solved with np.linalg.solve(X.T @ X, X.T @ y), not the student's Cholesky and triangular solves", hidden_only=True, audit='library', code='''
def lstsq_normal_equations(X, y):
    return np.linalg.solve(X.T @ X, X.T @ y)


def lstsq_qr(X, y):
    Q, R = np.linalg.qr(X)
    return solve_upper(R, Q.T @ y)


def correct_digits(estimate, certified):
    rel = np.abs(estimate - certified) / np.abs(certified)
    with np.errstate(divide="ignore"):
        return np.clip(-np.log10(rel), 0.0, 15.0)


def condition_number(A):
    s = np.linalg.svd(A, compute_uv=False)
    return s.max() / s.min()
'''),
        dict(why="issue 13: lstsq_qr returns np.linalg.lstsq (SVD) instead of solving R beta = Q^T y", hidden_only=True, audit='library', code='''
def lstsq_normal_equations(X, y):
    L = cholesky(X.T @ X)
    return solve_upper(L.T, solve_lower(L, X.T @ y))


def lstsq_qr(X, y):
    return np.linalg.lstsq(X, y, rcond=None)[0]


def correct_digits(estimate, certified):
    rel = np.abs(estimate - certified) / np.abs(certified)
    with np.errstate(divide="ignore"):
        return np.clip(-np.log10(rel), 0.0, 15.0)


def condition_number(A):
    s = np.linalg.svd(A, compute_uv=False)
    return s.max() / s.min()
'''),
        dict(why="'normal equations' solved with np.linalg.lstsq (it is QR/SVD: too many digits on Longley)", hidden_only=True, code='''
def lstsq_normal_equations(X, y):
    return np.linalg.lstsq(X, y, rcond=None)[0]


def lstsq_qr(X, y):
    Q, R = np.linalg.qr(X)
    return solve_upper(R, Q.T @ y)


def correct_digits(estimate, certified):
    rel = np.abs(estimate - certified) / np.abs(certified)
    with np.errstate(divide="ignore"):
        return np.clip(-np.log10(rel), 0.0, 15.0)


def condition_number(A):
    s = np.linalg.svd(A, compute_uv=False)
    return s.max() / s.min()
'''),
        dict(why="correct_digits with the natural log instead of log10", hidden_only=False, code='''
def lstsq_normal_equations(X, y):
    L = cholesky(X.T @ X)
    return solve_upper(L.T, solve_lower(L, X.T @ y))


def lstsq_qr(X, y):
    Q, R = np.linalg.qr(X)
    return solve_upper(R, Q.T @ y)


def correct_digits(estimate, certified):
    rel = np.abs(estimate - certified) / np.abs(certified)
    with np.errstate(divide="ignore"):
        return np.clip(-np.log(rel), 0.0, 15.0)


def condition_number(A):
    s = np.linalg.svd(A, compute_uv=False)
    return s.max() / s.min()
'''),
        dict(why="correct_digits caps at 15 but does not clip negative values to 0", hidden_only=True, audit='promise', code='''
def lstsq_normal_equations(X, y):
    L = cholesky(X.T @ X)
    return solve_upper(L.T, solve_lower(L, X.T @ y))


def lstsq_qr(X, y):
    Q, R = np.linalg.qr(X)
    return solve_upper(R, Q.T @ y)


def correct_digits(estimate, certified):
    rel = np.abs(estimate - certified) / np.abs(certified)
    with np.errstate(divide="ignore"):
        return np.minimum(-np.log10(rel), 15.0)


def condition_number(A):
    s = np.linalg.svd(A, compute_uv=False)
    return s.max() / s.min()
'''),
        dict(why="triangular solves in the wrong order (L^T first, then L)", hidden_only=False, code='''
def lstsq_normal_equations(X, y):
    L = cholesky(X.T @ X)
    return solve_lower(L, solve_upper(L.T, X.T @ y))


def lstsq_qr(X, y):
    Q, R = np.linalg.qr(X)
    return solve_upper(R, Q.T @ y)


def correct_digits(estimate, certified):
    rel = np.abs(estimate - certified) / np.abs(certified)
    with np.errstate(divide="ignore"):
        return np.clip(-np.log10(rel), 0.0, 15.0)


def condition_number(A):
    s = np.linalg.svd(A, compute_uv=False)
    return s.max() / s.min()
'''),
        dict(why="condition number from the singular values of A^T A (forgets the square root)", hidden_only=False, code='''
def lstsq_normal_equations(X, y):
    L = cholesky(X.T @ X)
    return solve_upper(L.T, solve_lower(L, X.T @ y))


def lstsq_qr(X, y):
    Q, R = np.linalg.qr(X)
    return solve_upper(R, Q.T @ y)


def correct_digits(estimate, certified):
    rel = np.abs(estimate - certified) / np.abs(certified)
    with np.errstate(divide="ignore"):
        return np.clip(-np.log10(rel), 0.0, 15.0)


def condition_number(A):
    s = np.linalg.svd(A.T @ A, compute_uv=False)
    return s.max() / s.min()
'''),
        dict(why="audit: correct_digits without np.errstate: a divide-by-zero warning for an exact match, which the docstring rules out", hidden_only=True, audit='promise', code='''
def lstsq_normal_equations(X, y):
    L = cholesky(X.T @ X)
    return solve_upper(L.T, solve_lower(L, X.T @ y))


def lstsq_qr(X, y):
    Q, R = np.linalg.qr(X)
    return solve_upper(R, Q.T @ y)


def correct_digits(estimate, certified):
    rel = np.abs(estimate - certified) / np.abs(certified)
    return np.clip(-np.log10(rel), 0.0, 15.0)


def condition_number(A):
    s = np.linalg.svd(A, compute_uv=False)
    return s.max() / s.min()
'''),
        dict(why='audit: lstsq_qr by the semi-normal equations R^T R beta = X^T y (Q^T y never formed): kappa squared again', hidden_only=True, audit='stability', code='''
def lstsq_normal_equations(X, y):
    L = cholesky(X.T @ X)
    return solve_upper(L.T, solve_lower(L, X.T @ y))


def lstsq_qr(X, y):
    Q, R = np.linalg.qr(X)
    return solve_upper(R, solve_lower(R.T, X.T @ y))


def correct_digits(estimate, certified):
    rel = np.abs(estimate - certified) / np.abs(certified)
    with np.errstate(divide="ignore"):
        return np.clip(-np.log10(rel), 0.0, 15.0)


def condition_number(A):
    s = np.linalg.svd(A, compute_uv=False)
    return s.max() / s.min()
'''),
        dict(why="audit: condition number as sqrt(lambda_max / lambda_min) of A^T A: forming A^T A squares kappa (the lesson's warning), lambda_min of Longley is rounding noise", hidden_only=True, audit='lesson', code='''
def lstsq_normal_equations(X, y):
    L = cholesky(X.T @ X)
    return solve_upper(L.T, solve_lower(L, X.T @ y))


def lstsq_qr(X, y):
    Q, R = np.linalg.qr(X)
    return solve_upper(R, Q.T @ y)


def correct_digits(estimate, certified):
    rel = np.abs(estimate - certified) / np.abs(certified)
    with np.errstate(divide="ignore"):
        return np.clip(-np.log10(rel), 0.0, 15.0)


def condition_number(A):
    lam = np.abs(np.linalg.eigvalsh(A.T @ A))
    return float(np.sqrt(lam.max() / lam.min()))
'''),
    ],
    "conditioning": [
        dict(why="kappa from the eigenvalues |lambda|_max / |lambda|_min (right only for symmetric / normal A)", hidden_only=True, audit='lesson', code='''
def perturbation_bound(A, b, dA, db):
    lam = np.abs(np.linalg.eigvals(A))
    kappa = lam.max() / lam.min()
    eA = np.linalg.norm(dA, 2) / np.linalg.norm(A, 2)
    eb = np.linalg.norm(db) / np.linalg.norm(b)
    return np.inf if kappa * eA >= 1 else kappa * (eA + eb) / (1 - kappa * eA)


def backward_error(A, x_hat, b):
    r = b - A @ x_hat
    return np.linalg.norm(r) / (np.linalg.norm(A, 2) * np.linalg.norm(x_hat) + np.linalg.norm(b))
'''),
        dict(why="first-order bound only: forgets the 1 / (1 - kappa eA) factor", hidden_only=False, audit='lesson', code='''
def perturbation_bound(A, b, dA, db):
    s = np.linalg.svd(A, compute_uv=False)
    kappa = s[0] / s[-1]
    eA = np.linalg.norm(dA, 2) / s[0]
    eb = np.linalg.norm(db) / np.linalg.norm(b)
    return kappa * (eA + eb)


def backward_error(A, x_hat, b):
    r = b - A @ x_hat
    return np.linalg.norm(r) / (np.linalg.norm(A, 2) * np.linalg.norm(x_hat) + np.linalg.norm(b))
'''),
        dict(why="Frobenius norms (np.linalg.norm of a matrix) for ||dA|| and ||A||", hidden_only=False, audit=('promise', 'lesson'), code='''
def perturbation_bound(A, b, dA, db):
    s = np.linalg.svd(A, compute_uv=False)
    kappa = s[0] / s[-1]
    eA = np.linalg.norm(dA) / np.linalg.norm(A)
    eb = np.linalg.norm(db) / np.linalg.norm(b)
    return np.inf if kappa * eA >= 1 else kappa * (eA + eb) / (1 - kappa * eA)


def backward_error(A, x_hat, b):
    r = b - A @ x_hat
    return np.linalg.norm(r) / (np.linalg.norm(A, 2) * np.linalg.norm(x_hat) + np.linalg.norm(b))
'''),
        dict(why="backward error taken as the relative residual ||b - A x_hat|| / ||b||", hidden_only=False, audit='lesson', code='''
def perturbation_bound(A, b, dA, db):
    s = np.linalg.svd(A, compute_uv=False)
    kappa = s[0] / s[-1]
    eA = np.linalg.norm(dA, 2) / s[0]
    eb = np.linalg.norm(db) / np.linalg.norm(b)
    return np.inf if kappa * eA >= 1 else kappa * (eA + eb) / (1 - kappa * eA)


def backward_error(A, x_hat, b):
    return np.linalg.norm(b - A @ x_hat) / np.linalg.norm(b)
'''),
        dict(why='audit: singular values as sqrt(eigvalsh(A^T A)): sigma_min loses kappa^2 u, the bound is wrong for kappa ~ 1e7', hidden_only=True, audit='stability', code='''
def perturbation_bound(A, b, dA, db):
    s = np.sqrt(np.abs(np.linalg.eigvalsh(A.T @ A)))
    kappa = s.max() / s.min()
    eA = np.linalg.norm(dA, 2) / s.max()
    eb = np.linalg.norm(db) / np.linalg.norm(b)
    return np.inf if kappa * eA >= 1 else float(kappa * (eA + eb) / (1 - kappa * eA))


def backward_error(A, x_hat, b):
    r = b - A @ x_hat
    return float(np.linalg.norm(r) / (np.linalg.norm(A, 2) * np.linalg.norm(x_hat) + np.linalg.norm(b)))
'''),
    ],
    "batchnorm_forward": [
        dict(why="running variance updated with the biased batch variance", hidden_only=False, code='''
def batchnorm_forward(x, gamma, beta, running_mean, running_var, train=True, momentum=0.1, eps=1e-5):
    if not train:
        xhat = (x - running_mean) / np.sqrt(running_var + eps)
        return gamma * xhat + beta, running_mean, running_var, None
    mu = x.mean(axis=0)
    var = x.var(axis=0)
    std = np.sqrt(var + eps)
    xhat = (x - mu) / std
    new_mean = (1 - momentum) * running_mean + momentum * mu
    new_var = (1 - momentum) * running_var + momentum * var
    return gamma * xhat + beta, new_mean, new_var, (xhat, x - mu, var, std, 1.0 / std, gamma, eps)
'''),
        dict(why="Keras momentum convention with PyTorch's momentum=0.1: running = 0.1 * running + 0.9 * batch", hidden_only=False, audit='lesson', code='''
def batchnorm_forward(x, gamma, beta, running_mean, running_var, train=True, momentum=0.1, eps=1e-5):
    if not train:
        xhat = (x - running_mean) / np.sqrt(running_var + eps)
        return gamma * xhat + beta, running_mean, running_var, None
    mu = x.mean(axis=0)
    var = x.var(axis=0)
    std = np.sqrt(var + eps)
    xhat = (x - mu) / std
    new_mean = momentum * running_mean + (1 - momentum) * mu
    new_var = momentum * running_var + (1 - momentum) * x.var(axis=0, ddof=1)
    return gamma * xhat + beta, new_mean, new_var, (xhat, x - mu, var, std, 1.0 / std, gamma, eps)
'''),
        dict(why="eps added outside the square root: (x - mu) / (sqrt(var) + eps)", hidden_only=True, audit='lesson', code='''
def batchnorm_forward(x, gamma, beta, running_mean, running_var, train=True, momentum=0.1, eps=1e-5):
    if not train:
        xhat = (x - running_mean) / (np.sqrt(running_var) + eps)
        return gamma * xhat + beta, running_mean, running_var, None
    mu = x.mean(axis=0)
    var = x.var(axis=0)
    std = np.sqrt(var + eps)
    xhat = (x - mu) / (np.sqrt(var) + eps)
    new_mean = (1 - momentum) * running_mean + momentum * mu
    new_var = (1 - momentum) * running_var + momentum * x.var(axis=0, ddof=1)
    return gamma * xhat + beta, new_mean, new_var, (xhat, x - mu, var, std, 1.0 / std, gamma, eps)
'''),
        dict(why="updates the running statistics in place (the caller's arrays change)", hidden_only=True, audit='promise', code='''
def batchnorm_forward(x, gamma, beta, running_mean, running_var, train=True, momentum=0.1, eps=1e-5):
    if not train:
        xhat = (x - running_mean) / np.sqrt(running_var + eps)
        return gamma * xhat + beta, running_mean, running_var, None
    mu = x.mean(axis=0)
    var = x.var(axis=0)
    std = np.sqrt(var + eps)
    xhat = (x - mu) / std
    running_mean *= 1 - momentum
    running_mean += momentum * mu
    running_var *= 1 - momentum
    running_var += momentum * x.var(axis=0, ddof=1)
    return gamma * xhat + beta, running_mean, running_var, (xhat, x - mu, var, std, 1.0 / std, gamma, eps)
'''),
        dict(why="eval mode still normalizes with the batch statistics", hidden_only=False, code='''
def batchnorm_forward(x, gamma, beta, running_mean, running_var, train=True, momentum=0.1, eps=1e-5):
    mu = x.mean(axis=0)
    var = x.var(axis=0)
    std = np.sqrt(var + eps)
    xhat = (x - mu) / std
    if not train:
        return gamma * xhat + beta, running_mean, running_var, None
    new_mean = (1 - momentum) * running_mean + momentum * mu
    new_var = (1 - momentum) * running_var + momentum * x.var(axis=0, ddof=1)
    return gamma * xhat + beta, new_mean, new_var, (xhat, x - mu, var, std, 1.0 / std, gamma, eps)
'''),
        dict(why="audit (lesson's common mistake): normalizes with the UNBIASED batch variance (ddof=1)", hidden_only=False, audit='lesson', code='''
def batchnorm_forward(x, gamma, beta, running_mean, running_var, train=True, momentum=0.1, eps=1e-5):
    if not train:
        xhat = (x - running_mean) / np.sqrt(running_var + eps)
        return gamma * xhat + beta, running_mean.copy(), running_var.copy(), None
    mu = x.mean(axis=0)
    var = x.var(axis=0, ddof=1)
    std = np.sqrt(var + eps)
    xhat = (x - mu) / std
    new_mean = (1 - momentum) * running_mean + momentum * mu
    new_var = (1 - momentum) * running_var + momentum * var
    return gamma * xhat + beta, new_mean, new_var, (xhat, x - mu, var, std, 1.0 / std, gamma, eps)
'''),
        dict(why="audit (lesson's common mistake): eval mode uses the running statistics but still updates them", hidden_only=False, audit='lesson', code='''
def batchnorm_forward(x, gamma, beta, running_mean, running_var, train=True, momentum=0.1, eps=1e-5):
    mu = x.mean(axis=0)
    new_mean = (1 - momentum) * running_mean + momentum * mu
    new_var = (1 - momentum) * running_var + momentum * x.var(axis=0, ddof=1)
    if not train:
        xhat = (x - running_mean) / np.sqrt(running_var + eps)
        return gamma * xhat + beta, new_mean, new_var, None
    var = x.var(axis=0)
    std = np.sqrt(var + eps)
    xhat = (x - mu) / std
    return gamma * xhat + beta, new_mean, new_var, (xhat, x - mu, var, std, 1.0 / std, gamma, eps)
'''),
        dict(why='audit: batch variance as E[x^2] - E[x]^2: cancels for a feature with a large mean (raw sensor values, un-centred inputs)', hidden_only=True, audit=('stability', 'lesson'), code='''
def batchnorm_forward(x, gamma, beta, running_mean, running_var, train=True, momentum=0.1, eps=1e-5):
    if not train:
        xhat = (x - running_mean) / np.sqrt(running_var + eps)
        return gamma * xhat + beta, running_mean.copy(), running_var.copy(), None
    N = x.shape[0]
    mu = x.mean(axis=0)
    var = (x * x).mean(axis=0) - mu * mu
    std = np.sqrt(var + eps)
    xhat = (x - mu) / std
    new_mean = (1 - momentum) * running_mean + momentum * mu
    new_var = (1 - momentum) * running_var + momentum * var * N / (N - 1)
    return gamma * xhat + beta, new_mean, new_var, (xhat, x - mu, var, std, 1.0 / std, gamma, eps)
'''),
        dict(why="audit: eval mode returns a cache built from the running statistics, where the docstring promises cache = None", hidden_only=True, audit="promise", code='''
def batchnorm_forward(x, gamma, beta, running_mean, running_var, train=True, momentum=0.1, eps=1e-5):
    if train:
        mu, var = x.mean(axis=0), x.var(axis=0)
        new_mean = (1 - momentum) * running_mean + momentum * mu
        new_var = (1 - momentum) * running_var + momentum * x.var(axis=0, ddof=1)
    else:
        mu, var = running_mean, running_var
        new_mean, new_var = running_mean.copy(), running_var.copy()
    std = np.sqrt(var + eps)
    xhat = (x - mu) / std
    return gamma * xhat + beta, new_mean, new_var, (xhat, x - mu, var, std, 1.0 / std, gamma, eps)
'''),
    ],
    "batchnorm_backward": [
        dict(why="treats the batch mean and variance as constants: dx = gamma * dout / std", hidden_only=False, audit='lesson', code='''
def batchnorm_backward(dout, cache):
    xhat, xc, var, std, inv_std, gamma, eps = cache
    grads = {"xhat": dout * gamma, "var": np.zeros(dout.shape[1]), "mu": np.zeros(dout.shape[1])}
    return dout * gamma * inv_std, (dout * xhat).sum(axis=0), dout.sum(axis=0), grads


def batchnorm_backward_alt(dout, cache):
    xhat, xc, var, std, inv_std, gamma, eps = cache
    return dout * gamma * inv_std, (dout * xhat).sum(axis=0), dout.sum(axis=0)
'''),
        dict(why="uses N - 1 (unbiased variance) in the variance branch of the backward pass", hidden_only=True, audit='lesson', code='''
def batchnorm_backward(dout, cache):
    xhat, xc, var, std, inv_std, gamma, eps = cache
    N = dout.shape[0]
    dbeta = dout.sum(axis=0)
    dgamma = (dout * xhat).sum(axis=0)
    dxhat = dout * gamma
    dinv_std = (dxhat * xc).sum(axis=0)
    dxc = dxhat * inv_std
    dvar = -dinv_std / std ** 2 * 0.5 / np.sqrt(var + eps)
    dxc += 2.0 * xc * dvar / (N - 1)
    dmu = -dxc.sum(axis=0)
    dx = dxc + dmu / N
    return dx, dgamma, dbeta, {"xhat": dxhat, "var": dvar, "mu": dmu}


def batchnorm_backward_alt(dout, cache):
    xhat, xc, var, std, inv_std, gamma, eps = cache
    N = dout.shape[0]
    dbeta = dout.sum(axis=0)
    dgamma = (dout * xhat).sum(axis=0)
    dx = (gamma * inv_std / N) * (N * dout - dbeta - xhat * dgamma * N / (N - 1))
    return dx, dgamma, dbeta
'''),
        dict(why="simplified form with the sign of the x_hat term flipped", hidden_only=True, code='''
def batchnorm_backward(dout, cache):
    xhat, xc, var, std, inv_std, gamma, eps = cache
    N = dout.shape[0]
    dbeta = dout.sum(axis=0)
    dgamma = (dout * xhat).sum(axis=0)
    dxhat = dout * gamma
    dinv_std = (dxhat * xc).sum(axis=0)
    dxc = dxhat * inv_std
    dvar = -dinv_std / std ** 2 * 0.5 / np.sqrt(var + eps)
    dxc += 2.0 * xc * dvar / N
    dmu = -dxc.sum(axis=0)
    dx = dxc + dmu / N
    return dx, dgamma, dbeta, {"xhat": dxhat, "var": dvar, "mu": dmu}


def batchnorm_backward_alt(dout, cache):
    xhat, xc, var, std, inv_std, gamma, eps = cache
    N = dout.shape[0]
    dbeta = dout.sum(axis=0)
    dgamma = (dout * xhat).sum(axis=0)
    dx = (gamma * inv_std / N) * (N * dout - dbeta + xhat * dgamma)
    return dx, dgamma, dbeta
'''),
        dict(why="dbeta as the mean of dout instead of the sum", hidden_only=False, code='''
def batchnorm_backward(dout, cache):
    xhat, xc, var, std, inv_std, gamma, eps = cache
    N = dout.shape[0]
    dbeta = dout.mean(axis=0)
    dgamma = (dout * xhat).sum(axis=0)
    dxhat = dout * gamma
    dvar = -0.5 * (dxhat * xc).sum(axis=0) * (var + eps) ** -1.5
    dmu = -(dxhat * inv_std).sum(axis=0)
    dx = (gamma * inv_std / N) * (N * dout - dout.sum(axis=0) - xhat * dgamma)
    return dx, dgamma, dbeta, {"xhat": dxhat, "var": dvar, "mu": dmu}


def batchnorm_backward_alt(dout, cache):
    return batchnorm_backward(dout, cache)[:3]
'''),
        dict(why="issue 13: the 'step by step' backward is the closed form (batchnorm_backward = batchnorm_backward_alt), no intermediate gradients", hidden_only=False, audit='promise', code='''
def batchnorm_backward_alt(dout, cache):
    xhat, xc, var, std, inv_std, gamma, eps = cache
    N = dout.shape[0]
    dbeta = dout.sum(axis=0)
    dgamma = (dout * xhat).sum(axis=0)
    dx = (gamma * inv_std / N) * (N * dout - dbeta - xhat * dgamma)
    return dx, dgamma, dbeta


batchnorm_backward = batchnorm_backward_alt
'''),
        dict(why="audit: the local derivative of the variance node drops eps, -0.5 * var**-1.5 (wrong for features with var ~ eps)", hidden_only=True, code='''
def batchnorm_backward(dout, cache):
    xhat, xc, var, std, inv_std, gamma, eps = cache
    N = dout.shape[0]
    dbeta = dout.sum(axis=0)
    dgamma = (dout * xhat).sum(axis=0)
    dxhat = dout * gamma
    dvar = -0.5 * (dxhat * xc).sum(axis=0) * var ** -1.5
    dxc = dxhat * inv_std + 2.0 * xc * dvar / N
    dmu = -dxc.sum(axis=0)
    dx = dxc + dmu / N
    return dx, dgamma, dbeta, {"xhat": dxhat, "var": dvar, "mu": dmu}


def batchnorm_backward_alt(dout, cache):
    xhat, xc, var, std, inv_std, gamma, eps = cache
    N = dout.shape[0]
    dbeta = dout.sum(axis=0)
    dgamma = (dout * xhat).sum(axis=0)
    dx = (gamma * inv_std / N) * (N * dout - dbeta - xhat * dgamma)
    return dx, dgamma, dbeta
'''),
        dict(why="audit: closed-form dx with made-up intermediates: dL/dxhat reported as dout (gamma forgotten), dL/dvar from xhat", hidden_only=True, audit='promise', code='''
def batchnorm_backward_alt(dout, cache):
    xhat, xc, var, std, inv_std, gamma, eps = cache
    N = dout.shape[0]
    dbeta = dout.sum(axis=0)
    dgamma = (dout * xhat).sum(axis=0)
    dx = (gamma * inv_std / N) * (N * dout - dbeta - xhat * dgamma)
    return dx, dgamma, dbeta


def batchnorm_backward(dout, cache):
    xhat, xc, var, std, inv_std, gamma, eps = cache
    dx, dgamma, dbeta = batchnorm_backward_alt(dout, cache)
    grads = {"xhat": dout, "var": -0.5 * (dout * xhat).sum(axis=0) / (var + eps), "mu": -dbeta * inv_std}
    return dx, dgamma, dbeta, grads
'''),
    ],
}

NOT_APPLICABLE = {
    "mixed_precision": {
        "library": "the docstring allows the float32 matmul (@ / np.matmul): the exercise is choosing the dtypes, and the float64 and float16 library paths are recorded as promise / lesson answers",
    },
    "loss_scaling": {
        "library": "no NumPy routine unscales gradients or updates a loss scale (PyTorch's GradScaler is not installed); np.isfinite and astype are the building blocks",
    },
    "conditioning": {
        "library": "the docstring allows np.linalg.svd, norm(., 2) and cond: the exercise is the perturbation bound and the Rigal-Gaches formula, not computing singular values",
    },
    "batchnorm_forward": {
        "library": "the docstring allows np.mean / np.var (x.mean, x.var): the exercise is the train/eval conventions, the biased/unbiased split and the momentum rule",
    },
    "batchnorm_backward": {
        "stability": "the backward only multiplies and sums the centred quantities the forward cached (xc, xhat, 1/sqrt(var + eps)): no exp/log and no subtraction of near-equal large numbers; the one scale hazard, var ~ eps, is fed by the hidden test (std 1e-3 features)",
        "library": "NumPy has no batch-norm gradient and no autodiff library (torch, jax, autograd) is installed; the shortcut of reusing the closed form as the step-by-step pass is the recorded promise answer",
    },
}

ALTERNATIVES = {
    "float_formats": [
        dict(why="loop condition with != and the maximum built by adding the halved powers of two", code='''
def machine_epsilon(dtype):
    t = np.dtype(dtype).type
    eps = t(1)
    while t(1) + eps / t(2) != t(1):
        eps = eps / t(2)
    return eps


def float_limits(dtype):
    t = np.dtype(dtype).type
    eps = machine_epsilon(dtype)
    big = t(1)
    with np.errstate(over="ignore"):
        while not np.isinf(big * t(2)):
            big = big * t(2)
    fmax, step = big, big
    while step / t(2) >= big * eps:
        step = step / t(2)
        fmax = fmax + step
    sub = t(1)
    while sub / t(2) != 0:
        sub = sub / t(2)
    tiny = t(1)
    while (tiny / t(2)) * (t(1) + eps) != tiny / t(2):
        tiny = tiny / t(2)
    return {"max": fmax, "tiny": tiny, "smallest_subnormal": sub}
'''),
    ],
    "stable_quadratic": [
        dict(why="branches with np.where on the sign of b instead of copysign", code='''
def quadratic_roots(a, b, c):
    a, b, c = np.asarray(a, float), np.asarray(b, float), np.asarray(c, float)
    d = np.sqrt(b * b - 4 * a * c)
    q = np.where(b >= 0, -b - d, -b + d) / 2
    r1, r2 = q / a, c / q
    return np.minimum(r1, r2)[()], np.maximum(r1, r2)[()]
'''),
    ],
    "summation": [
        dict(why="naive sum via the sequential np.cumsum, Kahan returning s - c, pairwise split at (n + 1) // 2", code='''
def naive_sum(x):
    if len(x) == 0:
        return x.dtype.type(0)
    return np.cumsum(x, dtype=x.dtype)[-1]


def kahan_sum(x):
    s = x.dtype.type(0)
    c = x.dtype.type(0)
    for i in range(len(x)):
        y = x[i] - c
        t = s + y
        c = (t - s) - y
        s = t
    return s - c


def pairwise_sum(x, block=8):
    n = len(x)
    if n <= block:
        return naive_sum(x)
    m = (n + 1) // 2
    return pairwise_sum(x[:m], block) + pairwise_sum(x[m:], block)
'''),
    ],
    "mixed_precision": [
        dict(why="elementwise float32 products summed in float32", code='''
def matvec_fp16_fp32acc(W, x):
    return (W.astype(np.float32) * x.astype(np.float32)).sum(axis=1)
'''),
    ],
    "loss_scaling": [
        dict(why="divides by np.float32(scale); found_inf via np.isfinite over a concatenation", code='''
def unscale_grads(grads16, scale):
    grads32 = [g.astype(np.float32) / np.float32(scale) for g in grads16]
    flat = np.concatenate([g.ravel() for g in grads16]) if grads16 else np.zeros(0, np.float16)
    return grads32, bool(not np.isfinite(flat).all())


def update_scale(scale, found_inf, growth_tracker, growth_factor=2.0, backoff_factor=0.5, growth_interval=2000):
    if found_inf:
        scale, growth_tracker = scale * backoff_factor, 0
    else:
        growth_tracker += 1
        if growth_tracker >= growth_interval:
            scale, growth_tracker = scale * growth_factor, 0
    return float(scale), int(growth_tracker)
'''),
    ],
    "welford": [
        dict(why="m2 += delta^2 (n-1)/n form; weighted-mean merge; welford_variance by merging one-value states", code='''
def welford_update(state, x):
    n, mean, m2 = state
    delta = x - mean
    n1 = n + 1
    return n1, mean + delta / n1, m2 + delta * delta * n / n1


def merge_stats(a, b):
    na, ma, m2a = a
    nb, mb, m2b = b
    if na == 0:
        return nb, mb, m2b
    if nb == 0:
        return na, ma, m2a
    n = na + nb
    d = mb - ma
    return n, (na * ma + nb * mb) / n, m2a + m2b + d * d * (na / n) * nb


def welford_variance(xs, ddof=1):
    st = (0, 0.0, 0.0)
    for x in xs:
        st = merge_stats(st, (1, float(x), 0.0))
    return st[2] / (st[0] - ddof)
'''),
    ],
    "cholesky": [
        dict(why="row by row (Cholesky-Banachiewicz) with explicit loops", code='''
def cholesky(A):
    n = A.shape[0]
    L = np.zeros((n, n))
    for i in range(n):
        for j in range(i + 1):
            s = sum(L[i, k] * L[j, k] for k in range(j))
            if i == j:
                d = A[i, i] - s
                if d <= 0:
                    raise np.linalg.LinAlgError("not positive definite")
                L[i, i] = np.sqrt(d)
            else:
                L[i, j] = (A[i, j] - s) / L[j, j]
    return L
'''),
    ],
    "gram_schmidt": [
        dict(why="explicit inner loops: CGS with coefficients from A[:, j], MGS left-looking", code='''
def qr_classical_gs(A):
    m, n = A.shape
    Q = np.zeros((m, n))
    R = np.zeros((n, n))
    for j in range(n):
        for i in range(j):
            R[i, j] = Q[:, i] @ A[:, j]
        v = A[:, j].copy()
        for i in range(j):
            v -= R[i, j] * Q[:, i]
        R[j, j] = np.linalg.norm(v)
        Q[:, j] = v / R[j, j]
    return Q, R


def qr_modified_gs(A):
    m, n = A.shape
    Q = np.zeros((m, n))
    R = np.zeros((n, n))
    for j in range(n):
        v = A[:, j].copy()
        for i in range(j):
            R[i, j] = Q[:, i] @ v
            v -= R[i, j] * Q[:, i]
        R[j, j] = np.linalg.norm(v)
        Q[:, j] = v / R[j, j]
    return Q, R
'''),
    ],
    "least_squares": [
        dict(why="Gram matrix by einsum, Q^T y as y @ Q, digits by a loop; np.linalg.cond", code='''
def lstsq_normal_equations(X, y):
    G = np.einsum("ki,kj->ij", X, X)
    L = cholesky(G)
    z = solve_lower(L, y @ X)
    return solve_upper(L.T, z)


def lstsq_qr(X, y):
    Q, R = np.linalg.qr(X, mode="reduced")
    return solve_upper(R, y @ Q)


def correct_digits(estimate, certified):
    out = np.full(len(certified), 15.0)
    for j, (e, c) in enumerate(zip(estimate, certified)):
        if e != c:
            out[j] = min(15.0, max(0.0, -np.log10(abs(e - c) / abs(c))))
    return out


def condition_number(A):
    return np.linalg.cond(A)
'''),
    ],
    "conditioning": [
        dict(why="np.linalg.cond for kappa, the 2-norm as the top singular value, an if/else on the condition", code='''
def perturbation_bound(A, b, dA, db):
    kappa = np.linalg.cond(A)
    nA = np.linalg.svd(A, compute_uv=False)[0]
    eA = np.linalg.svd(dA, compute_uv=False)[0] / nA
    eb = np.sqrt(np.sum(db ** 2)) / np.sqrt(np.sum(b ** 2))
    if kappa * eA < 1:
        return kappa * (eA + eb) / (1 - kappa * eA)
    return float("inf")


def backward_error(A, x_hat, b):
    r = b - A.dot(x_hat)
    return np.linalg.norm(r) / (np.linalg.svd(A, compute_uv=False)[0] * np.linalg.norm(x_hat) + np.linalg.norm(b))
'''),
    ],
    "batchnorm_forward": [
        dict(why="np.var with ddof for the unbiased variance; eval returns the running arrays themselves", code='''
def batchnorm_forward(x, gamma, beta, running_mean, running_var, train=True, momentum=0.1, eps=1e-5):
    if train:
        mu, var = x.mean(axis=0), x.var(axis=0)
        running_mean = (1 - momentum) * running_mean + momentum * mu
        running_var = (1 - momentum) * running_var + momentum * x.var(axis=0, ddof=1)
    else:
        mu, var = running_mean, running_var
    std = np.sqrt(var + eps)
    inv_std = 1.0 / std
    xhat = (x - mu) * inv_std
    cache = (xhat, x - mu, var, std, inv_std, gamma, eps) if train else None   # the solution's layout
    return gamma * xhat + beta, running_mean, running_var, cache
'''),
    ],
    "batchnorm_backward": [
        dict(why="different staging: derivative of (var + eps)^(-1/2) directly; dmu written with both of its paths", code='''
def batchnorm_backward(dout, cache):
    xhat, xc, var, std, inv_std, gamma, eps = cache
    N = dout.shape[0]
    dxhat = dout * gamma
    dvar = np.sum(dxhat * xc, axis=0) * -0.5 * (var + eps) ** -1.5
    dmu = np.sum(-dxhat * inv_std, axis=0) + dvar * np.mean(-2.0 * xc, axis=0)
    dx = dxhat * inv_std + dvar * 2.0 * xc / N + dmu / N
    grads = {"xhat": dxhat, "var": dvar, "mu": dmu}
    return dx, np.sum(dout * xhat, axis=0), np.sum(dout, axis=0), grads


def batchnorm_backward_alt(dout, cache):
    xhat, xc, var, std, inv_std, gamma, eps = cache
    dxhat = dout * gamma
    dx = inv_std * (dxhat - dxhat.mean(axis=0) - xhat * (dxhat * xhat).mean(axis=0))
    return dx, np.sum(dout * xhat, axis=0), np.sum(dout, axis=0)
'''),
    ],
}
