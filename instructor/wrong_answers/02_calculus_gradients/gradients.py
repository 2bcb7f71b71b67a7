"""Recorded wrong answers and accepted alternatives for 02_calculus_gradients/gradients.ipynb (instructor-only).

Each entry is a solution cell with markers and docstrings removed and one mistake edited in."""

WRONG = {
    'numerical_gradient': [
        dict(why="ignores the caller's h (always 1e-4)", hidden_only=True, code='''
def central_difference(f, x, h=1e-5):
    return (f(x + h) - f(x - h)) / (2 * h)


def numerical_gradient(f, x, h=1e-5):
    h = 1e-4
    x = np.asarray(x, dtype=np.float64)
    grad = np.zeros_like(x)
    xp = x.copy()
    for i in np.ndindex(x.shape):
        old = xp[i]
        xp[i] = old + h
        f_plus = f(xp)
        xp[i] = old - h
        f_minus = f(xp)
        xp[i] = old
        grad[i] = (f_plus - f_minus) / (2 * h)
    return grad
'''),
        dict(why='forward difference (f(x + h) - f(x)) / h instead of the central one', hidden_only=False, audit='lesson', code='''
def central_difference(f, x, h=1e-5):
    return (f(x + h) - f(x)) / h


def numerical_gradient(f, x, h=1e-5):
    x = np.asarray(x, dtype=np.float64)
    grad = np.zeros_like(x)
    xp = x.copy()
    for i in np.ndindex(x.shape):
        old = xp[i]
        xp[i] = old + h
        f_plus = f(xp)
        xp[i] = old - h
        f_minus = f(xp)
        xp[i] = old
        grad[i] = (f_plus - f_minus) / (2 * h)
    return grad
'''),
        dict(why='loops over range(len(x)): for a matrix it perturbs a whole row at once', hidden_only=True, audit='lesson', code='''
def central_difference(f, x, h=1e-5):
    return (f(x + h) - f(x - h)) / (2 * h)


def numerical_gradient(f, x, h=1e-5):
    grad = np.zeros_like(x)
    for i in range(len(x)):
        e = np.zeros_like(x)
        e[i] = h
        grad[i] = (f(x + e) - f(x - e)) / (2 * h)
    return grad
'''),
        dict(why='perturbs x in place and never restores it (x is changed on return, later entries are shifted)', hidden_only=True, audit=('promise', 'lesson'), code='''
def central_difference(f, x, h=1e-5):
    return (f(x + h) - f(x - h)) / (2 * h)


def numerical_gradient(f, x, h=1e-5):
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h
        f_plus = f(x)
        x[i] = old - h
        f_minus = f(x)
        grad[i] = (f_plus - f_minus) / (2 * h)
    return grad
'''),
        dict(why="works on a float32 copy of x (xp = x.astype(np.float32)): round-off eps32 / h swamps the difference (the lesson's float32 check)",
         hidden_only=False, audit=("stability", "lesson"), code='''
def central_difference(f, x, h=1e-5):
    return (f(x + h) - f(x - h)) / (2 * h)


def numerical_gradient(f, x, h=1e-5):
    x = np.asarray(x, dtype=np.float64)
    grad = np.zeros_like(x)
    xp = x.astype(np.float32)
    for i in np.ndindex(x.shape):
        old = xp[i]
        xp[i] = old + h
        f_plus = f(xp)
        xp[i] = old - h
        f_minus = f(xp)
        xp[i] = old
        grad[i] = (f_plus - f_minus) / (2 * h)
    return grad
'''),
        dict(why="hard-codes a tiny step h = 1e-12 (the lesson's too-small step: round-off eps |f| / h dominates)",
         hidden_only=False, audit="lesson", code='''
def central_difference(f, x, h=1e-5):
    return (f(x + h) - f(x - h)) / (2 * h)


def numerical_gradient(f, x, h=1e-5):
    h = 1e-12
    x = np.asarray(x, dtype=np.float64)
    grad = np.zeros_like(x)
    xp = x.copy()
    for i in np.ndindex(x.shape):
        old = xp[i]
        xp[i] = old + h
        f_plus = f(xp)
        xp[i] = old - h
        f_minus = f(xp)
        xp[i] = old
        grad[i] = (f_plus - f_minus) / (2 * h)
    return grad
'''),
    ],
    'fd_errors': [
        dict(why='signed errors (no absolute value): negative in the round-off regime', hidden_only=True, audit='promise', code='''
def difference_errors(f, dfdx, x, hs):
    hs = np.asarray(hs, dtype=np.float64)
    exact = dfdx(x)
    forward = (f(x + hs) - f(x)) / hs
    central = (f(x + hs) - f(x - hs)) / (2 * hs)
    return np.column_stack([forward - exact, central - exact])


def loglog_slope(hs, errs):
    return float(np.polyfit(np.log(hs), np.log(errs), 1)[0])
'''),
        dict(why='slope from the two end points only, not a least-squares fit', hidden_only=True, audit='promise', code='''
def difference_errors(f, dfdx, x, hs):
    hs = np.asarray(hs, dtype=np.float64)
    exact = dfdx(x)
    forward = (f(x + hs) - f(x)) / hs
    central = (f(x + hs) - f(x - hs)) / (2 * hs)
    return np.column_stack([np.abs(forward - exact), np.abs(central - exact)])


def loglog_slope(hs, errs):
    return float((np.log(errs[-1]) - np.log(errs[0])) / (np.log(hs[-1]) - np.log(hs[0])))
'''),
        dict(why='central difference divided by h instead of 2h', hidden_only=False, code='''
def difference_errors(f, dfdx, x, hs):
    hs = np.asarray(hs, dtype=np.float64)
    exact = dfdx(x)
    forward = (f(x + hs) - f(x)) / hs
    central = (f(x + hs) - f(x - hs)) / hs
    return np.column_stack([np.abs(forward - exact), np.abs(central - exact)])


def loglog_slope(hs, errs):
    return float(np.polyfit(np.log(hs), np.log(errs), 1)[0])
'''),
        dict(why='fits errs instead of log(errs) against log(hs)', hidden_only=False, audit='lesson', code='''
def difference_errors(f, dfdx, x, hs):
    hs = np.asarray(hs, dtype=np.float64)
    exact = dfdx(x)
    forward = (f(x + hs) - f(x)) / hs
    central = (f(x + hs) - f(x - hs)) / (2 * hs)
    return np.column_stack([np.abs(forward - exact), np.abs(central - exact)])


def loglog_slope(hs, errs):
    return float(np.polyfit(np.log(hs), errs, 1)[0])
'''),
        dict(why="textbook slope (n sum(xy) - sum(x) sum(y)) / (n sum(x^2) - sum(x)^2) without centring: "
             "catastrophic cancellation when the steps span a narrow band far from 1",
         hidden_only=True, audit="stability", code='''
def difference_errors(f, dfdx, x, hs):
    hs = np.asarray(hs, dtype=np.float64)
    exact = dfdx(x)
    forward = (f(x + hs) - f(x)) / hs
    central = (f(x + hs) - f(x - hs)) / (2 * hs)
    return np.column_stack([np.abs(forward - exact), np.abs(central - exact)])


def loglog_slope(hs, errs):
    lx, ly = np.log(hs), np.log(errs)
    n = len(lx)
    return float((n * np.sum(lx * ly) - lx.sum() * ly.sum()) / (n * np.sum(lx * lx) - lx.sum() ** 2))
'''),
    ],
    'composite': [
        dict(why='inner derivative cos(x) instead of cos(3x) (right at x = 0 only)', hidden_only=True, audit='lesson', code='''
def composite(x):
    x = np.asarray(x, dtype=np.float64)
    u = np.sin(3 * x)
    f = np.log1p(np.exp(u))
    dfdx = 1.0 / (1.0 + np.exp(-u)) * np.cos(x) * 3
    return f, dfdx
'''),
        dict(why='outer derivative sigma(3x) instead of sigma(sin 3x) (right at x = 0 only)', hidden_only=True, audit='lesson', code='''
def composite(x):
    x = np.asarray(x, dtype=np.float64)
    u = np.sin(3 * x)
    f = np.log1p(np.exp(u))
    dfdx = 1.0 / (1.0 + np.exp(-3 * x)) * np.cos(3 * x) * 3
    return f, dfdx
'''),
        dict(why='forgets the innermost factor 3 of d(3x)/dx', hidden_only=False, audit='lesson', code='''
def composite(x):
    x = np.asarray(x, dtype=np.float64)
    u = np.sin(3 * x)
    f = np.log1p(np.exp(u))
    dfdx = 1.0 / (1.0 + np.exp(-u)) * np.cos(3 * x)
    return f, dfdx
'''),
        dict(why='derivative by a central difference instead of the chain rule (the docstring asks for a closed form)', hidden_only=False, audit='promise', code='''
def composite(x):
    x = np.asarray(x, dtype=np.float64)
    F = lambda t: np.log1p(np.exp(np.sin(3 * t)))
    h = 1e-5
    return F(x), (F(x + h) - F(x - h)) / (2 * h)
'''),
    ],
    'jvp': [
        dict(why="forgets the tanh' factor (1 - y^2): returns W v and W^T u", hidden_only=True, audit='lesson', code='''
def numerical_jacobian(g, x, h=1e-6):
    x = np.asarray(x, dtype=np.float64)
    cols = []
    for j in range(x.shape[0]):
        e = np.zeros_like(x)
        e[j] = h
        cols.append((np.asarray(g(x + e)) - np.asarray(g(x - e))) / (2 * h))
    return np.stack(cols, axis=1)


def layer_jvp(W, b, x, v):
    y = np.tanh(W @ x + b)
    return W @ v


def layer_vjp(W, b, x, u):
    y = np.tanh(W @ x + b)
    return W.T @ u
'''),
        dict(why="evaluates tanh' at W x, forgetting the bias", hidden_only=True, audit='lesson', code='''
def numerical_jacobian(g, x, h=1e-6):
    x = np.asarray(x, dtype=np.float64)
    cols = []
    for j in range(x.shape[0]):
        e = np.zeros_like(x)
        e[j] = h
        cols.append((np.asarray(g(x + e)) - np.asarray(g(x - e))) / (2 * h))
    return np.stack(cols, axis=1)


def layer_jvp(W, b, x, v):
    y = np.tanh(W @ x)
    return (1.0 - y ** 2) * (W @ v)


def layer_vjp(W, b, x, u):
    y = np.tanh(W @ x + b)
    return W.T @ ((1.0 - y ** 2) * u)
'''),
        dict(why='forward differences in numerical_jacobian (exact only for linear maps)', hidden_only=True, code='''
def numerical_jacobian(g, x, h=1e-6):
    x = np.asarray(x, dtype=np.float64)
    cols = []
    for j in range(x.shape[0]):
        e = np.zeros_like(x)
        e[j] = h
        cols.append((np.asarray(g(x + e)) - np.asarray(g(x))) / h)
    return np.stack(cols, axis=1)


def layer_jvp(W, b, x, v):
    y = np.tanh(W @ x + b)
    return (1.0 - y ** 2) * (W @ v)


def layer_vjp(W, b, x, u):
    y = np.tanh(W @ x + b)
    return W.T @ ((1.0 - y ** 2) * u)
'''),
        dict(why='stacks the difference quotients as rows: returns J^T, shape (n, m)', hidden_only=False, audit='lesson', code='''
def numerical_jacobian(g, x, h=1e-6):
    x = np.asarray(x, dtype=np.float64)
    cols = []
    for j in range(x.shape[0]):
        e = np.zeros_like(x)
        e[j] = h
        cols.append((np.asarray(g(x + e)) - np.asarray(g(x - e))) / (2 * h))
    return np.stack(cols, axis=0)


def layer_jvp(W, b, x, v):
    y = np.tanh(W @ x + b)
    return (1.0 - y ** 2) * (W @ v)


def layer_vjp(W, b, x, u):
    y = np.tanh(W @ x + b)
    return W.T @ ((1.0 - y ** 2) * u)
'''),
        dict(why="numerical_jacobian perturbs x in place (+h, then -2h) and never restores it: the caller's x moves by -h per column",
         hidden_only=True, audit="promise", code='''
def numerical_jacobian(g, x, h=1e-6):
    cols = []
    for j in range(x.shape[0]):
        x[j] += h
        g_plus = np.asarray(g(x))
        x[j] -= 2 * h
        g_minus = np.asarray(g(x))
        cols.append((g_plus - g_minus) / (2 * h))
    return np.stack(cols, axis=1)


def layer_jvp(W, b, x, v):
    y = np.tanh(W @ x + b)
    return (1.0 - y ** 2) * (W @ v)


def layer_vjp(W, b, x, u):
    y = np.tanh(W @ x + b)
    return W.T @ ((1.0 - y ** 2) * u)
'''),
    ],
    'gradient_descent': [
        dict(why='2 / max(diag(A)) instead of 2 / largest eigenvalue (right only for diagonal A)', hidden_only=True, audit='lesson', code='''
def gradient_descent(grad, x0, lr, n_steps):
    x = np.array(x0, dtype=np.float64)
    traj = [x.copy()]
    for _ in range(n_steps):
        x = x - lr * grad(x)
        traj.append(x.copy())
    return np.array(traj)


def critical_step_size(A):
    return float(2.0 / np.max(np.diag(A)))
'''),
        dict(why="updates x0 in place (the caller's start point changes)", hidden_only=True, audit='promise', code='''
def gradient_descent(grad, x0, lr, n_steps):
    x = x0
    traj = [x.copy()]
    for _ in range(n_steps):
        x -= lr * grad(x)
        traj.append(x.copy())
    return np.array(traj)


def critical_step_size(A):
    return float(2.0 / np.linalg.eigvalsh(A)[-1])
'''),
        dict(why='steps uphill: x + lr * grad(x)', hidden_only=False, code='''
def gradient_descent(grad, x0, lr, n_steps):
    x = np.array(x0, dtype=np.float64)
    traj = [x.copy()]
    for _ in range(n_steps):
        x = x + lr * grad(x)
        traj.append(x.copy())
    return np.array(traj)


def critical_step_size(A):
    return float(2.0 / np.linalg.eigvalsh(A)[-1])
'''),
        dict(why='returns 1/L instead of 2/L', hidden_only=False, code='''
def gradient_descent(grad, x0, lr, n_steps):
    x = np.array(x0, dtype=np.float64)
    traj = [x.copy()]
    for _ in range(n_steps):
        x = x - lr * grad(x)
        traj.append(x.copy())
    return np.array(traj)


def critical_step_size(A):
    return float(1.0 / np.linalg.eigvalsh(A)[-1])
'''),
        dict(why="stops early once |grad| < 1e-12 (the docstring says always all n_steps): a shorter trajectory",
         hidden_only=False, audit="promise", code='''
def gradient_descent(grad, x0, lr, n_steps):
    x = np.array(x0, dtype=np.float64)
    traj = [x.copy()]
    for _ in range(n_steps):
        g = grad(x)
        if np.linalg.norm(g) < 1e-12:
            break
        x = x - lr * g
        traj.append(x.copy())
    return np.array(traj)


def critical_step_size(A):
    return float(2.0 / np.linalg.eigvalsh(A)[-1])
'''),
        dict(why="2 / Frobenius norm of A instead of 2 / largest eigenvalue (the lesson's warning)",
         hidden_only=False, audit="lesson", code='''
def gradient_descent(grad, x0, lr, n_steps):
    x = np.array(x0, dtype=np.float64)
    traj = [x.copy()]
    for _ in range(n_steps):
        x = x - lr * grad(x)
        traj.append(x.copy())
    return np.array(traj)


def critical_step_size(A):
    return float(2.0 / np.linalg.norm(A))
'''),
    ],
    'value': [
        dict(why='= instead of += everywhere: a node used twice keeps only its last contribution', hidden_only=False, audit='lesson', code='''
class Value:

    def __init__(self, data, _children=(), _op=""):
        self.data = float(data)
        self.grad = 0.0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op

    def __repr__(self):
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad = out.grad
            other.grad = out.grad
        out._backward = _backward
        return out

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad = other.data * out.grad
            other.grad = self.data * out.grad
        out._backward = _backward
        return out

    def __pow__(self, k):
        assert isinstance(k, (int, float)), "only constant int/float exponents"
        out = Value(self.data ** k, (self,), f"**{k}")

        def _backward():
            self.grad = k * self.data ** (k - 1) * out.grad
        out._backward = _backward
        return out

    def exp(self):
        out = Value(math.exp(self.data), (self,), "exp")

        def _backward():
            self.grad = out.data * out.grad
        out._backward = _backward
        return out

    def tanh(self):
        out = Value(math.tanh(self.data), (self,), "tanh")

        def _backward():
            self.grad = (1.0 - out.data ** 2) * out.grad
        out._backward = _backward
        return out

    def relu(self):
        out = Value(self.data if self.data > 0 else 0.0, (self,), "relu")

        def _backward():
            self.grad = (1.0 if self.data > 0 else 0.0) * out.grad
        out._backward = _backward
        return out

    def backward(self):
        topo, visited = [], set()

        def build(v):
            if v not in visited:
                visited.add(v)
                for child in v._prev:
                    build(child)
                topo.append(v)
        build(self)
        self.grad = 1.0
        for v in reversed(topo):
            v._backward()

    # given: the remaining operators, built from the ones above
    def __neg__(self):
        return self * -1.0

    def __radd__(self, other):
        return self + other

    def __sub__(self, other):
        return self + (-other)

    def __rsub__(self, other):
        return (-self) + other

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        return self * other ** -1

    def __rtruediv__(self, other):
        return self ** -1 * other
'''),
        dict(why='= instead of += in __mul__ only (a * a gets a instead of 2a)', hidden_only=True, audit=('promise', 'lesson'), code='''
class Value:

    def __init__(self, data, _children=(), _op=""):
        self.data = float(data)
        self.grad = 0.0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op

    def __repr__(self):
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad = other.data * out.grad
            other.grad = self.data * out.grad
        out._backward = _backward
        return out

    def __pow__(self, k):
        assert isinstance(k, (int, float)), "only constant int/float exponents"
        out = Value(self.data ** k, (self,), f"**{k}")

        def _backward():
            self.grad += k * self.data ** (k - 1) * out.grad
        out._backward = _backward
        return out

    def exp(self):
        out = Value(math.exp(self.data), (self,), "exp")

        def _backward():
            self.grad += out.data * out.grad
        out._backward = _backward
        return out

    def tanh(self):
        out = Value(math.tanh(self.data), (self,), "tanh")

        def _backward():
            self.grad += (1.0 - out.data ** 2) * out.grad
        out._backward = _backward
        return out

    def relu(self):
        out = Value(self.data if self.data > 0 else 0.0, (self,), "relu")

        def _backward():
            self.grad += (1.0 if self.data > 0 else 0.0) * out.grad
        out._backward = _backward
        return out

    def backward(self):
        topo, visited = [], set()

        def build(v):
            if v not in visited:
                visited.add(v)
                for child in v._prev:
                    build(child)
                topo.append(v)
        build(self)
        self.grad = 1.0
        for v in reversed(topo):
            v._backward()

    # given: the remaining operators, built from the ones above
    def __neg__(self):
        return self * -1.0

    def __radd__(self, other):
        return self + other

    def __sub__(self, other):
        return self + (-other)

    def __rsub__(self, other):
        return (-self) + other

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        return self * other ** -1

    def __rtruediv__(self, other):
        return self ** -1 * other
'''),
        dict(why='recursive backward without a topological order: a shared interior node passes its grad on once per use', hidden_only=True, audit='lesson', code='''
class Value:

    def __init__(self, data, _children=(), _op=""):
        self.data = float(data)
        self.grad = 0.0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op

    def __repr__(self):
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    def __pow__(self, k):
        assert isinstance(k, (int, float)), "only constant int/float exponents"
        out = Value(self.data ** k, (self,), f"**{k}")

        def _backward():
            self.grad += k * self.data ** (k - 1) * out.grad
        out._backward = _backward
        return out

    def exp(self):
        out = Value(math.exp(self.data), (self,), "exp")

        def _backward():
            self.grad += out.data * out.grad
        out._backward = _backward
        return out

    def tanh(self):
        out = Value(math.tanh(self.data), (self,), "tanh")

        def _backward():
            self.grad += (1.0 - out.data ** 2) * out.grad
        out._backward = _backward
        return out

    def relu(self):
        out = Value(self.data if self.data > 0 else 0.0, (self,), "relu")

        def _backward():
            self.grad += (1.0 if self.data > 0 else 0.0) * out.grad
        out._backward = _backward
        return out

    def backward(self):
        def visit(v):
            v._backward()
            for child in v._prev:
                visit(child)
        self.grad = 1.0
        visit(self)

    # given: the remaining operators, built from the ones above
    def __neg__(self):
        return self * -1.0

    def __radd__(self, other):
        return self + other

    def __sub__(self, other):
        return self + (-other)

    def __rsub__(self, other):
        return (-self) + other

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        return self * other ** -1

    def __rtruediv__(self, other):
        return self ** -1 * other
'''),
        dict(why='breadth-first order from the root: a node can be processed before all its uses have contributed', hidden_only=True, audit='lesson', code='''
class Value:

    def __init__(self, data, _children=(), _op=""):
        self.data = float(data)
        self.grad = 0.0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op

    def __repr__(self):
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    def __pow__(self, k):
        assert isinstance(k, (int, float)), "only constant int/float exponents"
        out = Value(self.data ** k, (self,), f"**{k}")

        def _backward():
            self.grad += k * self.data ** (k - 1) * out.grad
        out._backward = _backward
        return out

    def exp(self):
        out = Value(math.exp(self.data), (self,), "exp")

        def _backward():
            self.grad += out.data * out.grad
        out._backward = _backward
        return out

    def tanh(self):
        out = Value(math.tanh(self.data), (self,), "tanh")

        def _backward():
            self.grad += (1.0 - out.data ** 2) * out.grad
        out._backward = _backward
        return out

    def relu(self):
        out = Value(self.data if self.data > 0 else 0.0, (self,), "relu")

        def _backward():
            self.grad += (1.0 if self.data > 0 else 0.0) * out.grad
        out._backward = _backward
        return out

    def backward(self):
        self.grad = 1.0
        queue, seen = [self], {self}
        while queue:
            v = queue.pop(0)
            v._backward()
            for child in v._prev:
                if child not in seen:
                    seen.add(child)
                    queue.append(child)

    # given: the remaining operators, built from the ones above
    def __neg__(self):
        return self * -1.0

    def __radd__(self, other):
        return self + other

    def __sub__(self, other):
        return self + (-other)

    def __rsub__(self, other):
        return (-self) + other

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        return self * other ** -1

    def __rtruediv__(self, other):
        return self ** -1 * other
'''),
        dict(why='topological order not reversed: leaves are processed first, with zero grads', hidden_only=False, audit='lesson', code='''
class Value:

    def __init__(self, data, _children=(), _op=""):
        self.data = float(data)
        self.grad = 0.0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op

    def __repr__(self):
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    def __pow__(self, k):
        assert isinstance(k, (int, float)), "only constant int/float exponents"
        out = Value(self.data ** k, (self,), f"**{k}")

        def _backward():
            self.grad += k * self.data ** (k - 1) * out.grad
        out._backward = _backward
        return out

    def exp(self):
        out = Value(math.exp(self.data), (self,), "exp")

        def _backward():
            self.grad += out.data * out.grad
        out._backward = _backward
        return out

    def tanh(self):
        out = Value(math.tanh(self.data), (self,), "tanh")

        def _backward():
            self.grad += (1.0 - out.data ** 2) * out.grad
        out._backward = _backward
        return out

    def relu(self):
        out = Value(self.data if self.data > 0 else 0.0, (self,), "relu")

        def _backward():
            self.grad += (1.0 if self.data > 0 else 0.0) * out.grad
        out._backward = _backward
        return out

    def backward(self):
        topo, visited = [], set()

        def build(v):
            if v not in visited:
                visited.add(v)
                for child in v._prev:
                    build(child)
                topo.append(v)
        build(self)
        self.grad = 1.0
        for v in topo:
            v._backward()

    # given: the remaining operators, built from the ones above
    def __neg__(self):
        return self * -1.0

    def __radd__(self, other):
        return self + other

    def __sub__(self, other):
        return self + (-other)

    def __rsub__(self, other):
        return (-self) + other

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        return self * other ** -1

    def __rtruediv__(self, other):
        return self ** -1 * other
'''),
        dict(why="tanh' written with the input, 1 - x^2, instead of 1 - tanh(x)^2", hidden_only=False, code='''
class Value:

    def __init__(self, data, _children=(), _op=""):
        self.data = float(data)
        self.grad = 0.0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op

    def __repr__(self):
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    def __pow__(self, k):
        assert isinstance(k, (int, float)), "only constant int/float exponents"
        out = Value(self.data ** k, (self,), f"**{k}")

        def _backward():
            self.grad += k * self.data ** (k - 1) * out.grad
        out._backward = _backward
        return out

    def exp(self):
        out = Value(math.exp(self.data), (self,), "exp")

        def _backward():
            self.grad += out.data * out.grad
        out._backward = _backward
        return out

    def tanh(self):
        out = Value(math.tanh(self.data), (self,), "tanh")

        def _backward():
            self.grad += (1.0 - self.data ** 2) * out.grad
        out._backward = _backward
        return out

    def relu(self):
        out = Value(self.data if self.data > 0 else 0.0, (self,), "relu")

        def _backward():
            self.grad += (1.0 if self.data > 0 else 0.0) * out.grad
        out._backward = _backward
        return out

    def backward(self):
        topo, visited = [], set()

        def build(v):
            if v not in visited:
                visited.add(v)
                for child in v._prev:
                    build(child)
                topo.append(v)
        build(self)
        self.grad = 1.0
        for v in reversed(topo):
            v._backward()

    # given: the remaining operators, built from the ones above
    def __neg__(self):
        return self * -1.0

    def __radd__(self, other):
        return self + other

    def __sub__(self, other):
        return self + (-other)

    def __rsub__(self, other):
        return (-self) + other

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        return self * other ** -1

    def __rtruediv__(self, other):
        return self ** -1 * other
'''),
        dict(why='tanh from its exp formula (e^2x - 1) / (e^2x + 1): overflows for x > 355', hidden_only=True, audit=('stability', 'promise'), code='''
class Value:
    """A scalar node of a computation graph, for reverse-mode automatic differentiation.

    Attributes:
    - data: float, the node's value.
    - grad: float, d(root)/d(this node) once root.backward() has run; starts at 0.0.
    - _prev: tuple of the Value objects this node was computed from (empty for a leaf).
      The same node may appear twice (a + a).
    - _backward: function of no arguments, the chain rule for this one node: it ADDS (+=)
      out.grad times each local derivative into the .grad of each input (a node used several
      times receives one contribution per use). For a leaf it does nothing.
    - _op: str, the operation that made the node (for printing only).

    Operations to implement (each returns a NEW Value whose _prev are its inputs and whose
    _backward applies that operation's local derivatives):
      a + b, a * b        (b may be a Value or a Python number)
      a ** k              (k a Python int or float constant, not a Value)
      a.exp(), a.tanh(), a.relu()    (relu'(0) = 0: the gradient flows only where data > 0)
    and backward() (see its docstring). Subtraction, negation, division and the reflected
    operators (2 * a, 1 + a, 1 / a) are given at the end, built from these.
    """

    def __init__(self, data, _children=(), _op=""):
        self.data = float(data)
        self.grad = 0.0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op

    def __repr__(self):
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"

    def __add__(self, other):
        """self + other."""
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out

    def __mul__(self, other):
        """self * other."""
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    def __pow__(self, k):
        """self ** k for a constant exponent k (int or float)."""
        assert isinstance(k, (int, float)), "only constant int/float exponents"
        out = Value(self.data ** k, (self,), f"**{k}")

        def _backward():
            self.grad += k * self.data ** (k - 1) * out.grad
        out._backward = _backward
        return out

    def exp(self):
        """e ** self."""
        out = Value(math.exp(self.data), (self,), "exp")

        def _backward():
            self.grad += out.data * out.grad
        out._backward = _backward
        return out

    def tanh(self):
        """tanh(self)."""
        e2 = math.exp(2 * self.data)
        out = Value((e2 - 1) / (e2 + 1), (self,), "tanh")

        def _backward():
            self.grad += (1.0 - out.data ** 2) * out.grad
        out._backward = _backward
        return out

    def relu(self):
        """max(self, 0); the local derivative is 1 where data > 0 and 0 elsewhere (also at 0)."""
        out = Value(self.data if self.data > 0 else 0.0, (self,), "relu")

        def _backward():
            self.grad += (1.0 if self.data > 0 else 0.0) * out.grad
        out._backward = _backward
        return out

    def backward(self):
        """Reverse-mode autodiff from this node (the root, usually a scalar loss).

        Sets self.grad = 1.0 and fills the .grad of every node the root depends on with
        d(root)/d(node): build a topological order of the graph (every node after all the nodes
        in its _prev, each node once), then call _backward() on each node in REVERSE
        topological order, so a node's grad is complete (every use has contributed) before the
        node passes it on. Grads are not reset first: call backward() once per freshly built
        graph (a second call would push the interior nodes' accumulated grads down again,
        unlike PyTorch). Returns None.
        """
        topo, visited = [], set()

        def build(v):
            if v not in visited:
                visited.add(v)
                for child in v._prev:
                    build(child)
                topo.append(v)
        build(self)
        self.grad = 1.0
        for v in reversed(topo):
            v._backward()

    # given: the remaining operators, built from the ones above
    def __neg__(self):
        return self * -1.0

    def __radd__(self, other):
        return self + other

    def __sub__(self, other):
        return self + (-other)

    def __rsub__(self, other):
        return (-self) + other

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        return self * other ** -1

    def __rtruediv__(self, other):
        return self ** -1 * other
'''),
    ],
    'affine': [
        dict(why='db averaged over the batch instead of summed', hidden_only=True, audit='lesson', code='''
def affine_forward(x, W, b):
    out = x @ W + b
    cache = (x, W)
    return out, cache


def affine_backward(dout, cache):
    x, W = cache
    dx = dout @ W.T
    dW = x.T @ dout
    db = dout.mean(axis=0)
    return dx, dW, db
'''),
        dict(why='dW divided by the batch size', hidden_only=True, audit=('promise', 'lesson'), code='''
def affine_forward(x, W, b):
    out = x @ W + b
    cache = (x, W)
    return out, cache


def affine_backward(dout, cache):
    x, W = cache
    dx = dout @ W.T
    dW = x.T @ dout / x.shape[0]
    db = dout.sum(axis=0)
    return dx, dW, db
'''),
        dict(why='dW = dout^T x (the transpose)', hidden_only=False, audit='lesson', code='''
def affine_forward(x, W, b):
    out = x @ W + b
    cache = (x, W)
    return out, cache


def affine_backward(dout, cache):
    x, W = cache
    dx = dout @ W.T
    dW = dout.T @ x
    db = dout.sum(axis=0)
    return dx, dW, db
'''),
        dict(why='dx = dout W (no transpose)', hidden_only=False, audit='lesson', code='''
def affine_forward(x, W, b):
    out = x @ W + b
    cache = (x, W)
    return out, cache


def affine_backward(dout, cache):
    x, W = cache
    dx = dout @ W
    dW = x.T @ dout
    db = dout.sum(axis=0)
    return dx, dW, db
'''),
    ],
    'relu': [
        dict(why="zeroes dout in place and returns it (the caller's upstream gradient is overwritten)", hidden_only=True, audit=('promise', 'lesson'), code='''
def relu_forward(x):
    return np.maximum(x, 0.0), x


def relu_backward(dout, cache):
    dx = dout
    dx[cache <= 0] = 0.0
    return dx
'''),
        dict(why='mask x >= 0: derivative 1 at x = 0', hidden_only=True, audit='promise', code='''
def relu_forward(x):
    return np.maximum(x, 0.0), x


def relu_backward(dout, cache):
    x = cache
    return dout * (x >= 0)
'''),
        dict(why='forward overwrites its input x in place', hidden_only=True, audit=('promise', 'lesson'), code='''
def relu_forward(x):
    np.maximum(x, 0.0, out=x)
    return x, x


def relu_backward(dout, cache):
    x = cache
    return dout * (x > 0)
'''),
        dict(why='applies ReLU to the upstream gradient instead of masking by the input', hidden_only=False, code='''
def relu_forward(x):
    return np.maximum(x, 0.0), x


def relu_backward(dout, cache):
    x = cache
    return np.maximum(dout, 0.0)
'''),
    ],
    'softmax_ce': [
        dict(why='no max subtraction: exp overflows for large logits', hidden_only=True, audit=('stability', 'lesson'), code='''
def softmax_cross_entropy(scores, y):
    N = scores.shape[0]
    shifted = scores
    log_probs = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
    loss = -np.mean(log_probs[np.arange(N), y])
    dscores = np.exp(log_probs)
    dscores[np.arange(N), y] -= 1.0
    dscores /= N
    return float(loss), dscores
'''),
        dict(why="subtracts the column maxima (axis=0) instead of each row's maximum", hidden_only=True, audit=('stability', 'lesson'), code='''
def softmax_cross_entropy(scores, y):
    N = scores.shape[0]
    shifted = scores - scores.max(axis=0, keepdims=True)
    log_probs = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
    loss = -np.mean(log_probs[np.arange(N), y])
    dscores = np.exp(log_probs)
    dscores[np.arange(N), y] -= 1.0
    dscores /= N
    return float(loss), dscores
'''),
        dict(why='sum over the batch instead of the mean (loss and gradient N times too big)', hidden_only=False, audit=('promise', 'lesson'), code='''
def softmax_cross_entropy(scores, y):
    N = scores.shape[0]
    shifted = scores - scores.max(axis=1, keepdims=True)
    log_probs = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
    loss = -np.sum(log_probs[np.arange(N), y])
    dscores = np.exp(log_probs)
    dscores[np.arange(N), y] -= 1.0
    return float(loss), dscores
'''),
        dict(why='gradient with the wrong sign: onehot - p', hidden_only=False, code='''
def softmax_cross_entropy(scores, y):
    N = scores.shape[0]
    shifted = scores - scores.max(axis=1, keepdims=True)
    log_probs = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
    loss = -np.mean(log_probs[np.arange(N), y])
    dscores = np.exp(log_probs)
    dscores[np.arange(N), y] -= 1.0
    dscores /= -N
    return float(loss), dscores
'''),
        dict(why="shifts by the max of the whole batch instead of each row's max: [[1000, 0], [0, -1]] gives 0/0 in row 1 (issue 13)", hidden_only=True, audit='stability', code='''
def softmax_cross_entropy(scores, y):
    N = scores.shape[0]
    shifted = scores - scores.max()
    log_probs = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
    loss = -np.mean(log_probs[np.arange(N), y])
    dscores = np.exp(log_probs)
    dscores[np.arange(N), y] -= 1.0
    dscores /= N
    return float(loss), dscores
'''),
    ],
    'two_layer': [
        dict(why='skips the ReLU backward: the gradient flows through inactive units', hidden_only=True, code='''
def two_layer_loss(params, X, y):
    hidden_pre, cache1 = affine_forward(X, params["W1"], params["b1"])
    hidden, cache_relu = relu_forward(hidden_pre)
    scores, cache2 = affine_forward(hidden, params["W2"], params["b2"])
    loss, dscores = softmax_cross_entropy(scores, y)
    dhidden, dW2, db2 = affine_backward(dscores, cache2)
    dhidden_pre = dhidden
    _, dW1, db1 = affine_backward(dhidden_pre, cache1)
    return loss, {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
'''),
        dict(why='forgets the ReLU in the forward pass (a linear model in disguise)', hidden_only=True, code='''
def two_layer_loss(params, X, y):
    hidden_pre, cache1 = affine_forward(X, params["W1"], params["b1"])
    hidden, cache_relu = hidden_pre, hidden_pre
    scores, cache2 = affine_forward(hidden, params["W2"], params["b2"])
    loss, dscores = softmax_cross_entropy(scores, y)
    dhidden, dW2, db2 = affine_backward(dscores, cache2)
    dhidden_pre = relu_backward(dhidden, cache_relu)
    _, dW1, db1 = affine_backward(dhidden_pre, cache1)
    return loss, {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
'''),
        dict(why='dW2 computed from the pre-activation instead of relu(hidden_pre)', hidden_only=True, code='''
def two_layer_loss(params, X, y):
    hidden_pre, cache1 = affine_forward(X, params["W1"], params["b1"])
    hidden, cache_relu = relu_forward(hidden_pre)
    scores, cache2 = affine_forward(hidden, params["W2"], params["b2"])
    loss, dscores = softmax_cross_entropy(scores, y)
    dhidden, dW2, db2 = affine_backward(dscores, (hidden_pre, params["W2"]))
    dhidden_pre = relu_backward(dhidden, cache_relu)
    _, dW1, db1 = affine_backward(dhidden_pre, cache1)
    return loss, {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
'''),
        dict(why="adds an L2 penalty 0.5 * 1e-4 * (|W1|^2 + |W2|^2) to loss and grads (the docstring says no regularization)",
         hidden_only=True, audit="promise", code='''
def two_layer_loss(params, X, y):
    reg = 1e-4
    hidden_pre, cache1 = affine_forward(X, params["W1"], params["b1"])
    hidden, cache_relu = relu_forward(hidden_pre)
    scores, cache2 = affine_forward(hidden, params["W2"], params["b2"])
    loss, dscores = softmax_cross_entropy(scores, y)
    loss += 0.5 * reg * (np.sum(params["W1"] ** 2) + np.sum(params["W2"] ** 2))
    dhidden, dW2, db2 = affine_backward(dscores, cache2)
    dhidden_pre = relu_backward(dhidden, cache_relu)
    _, dW1, db1 = affine_backward(dhidden_pre, cache1)
    return loss, {"W1": dW1 + reg * params["W1"], "b1": db1, "W2": dW2 + reg * params["W2"], "b2": db2}
'''),
        dict(why="inline softmax without the max shift instead of the stable softmax_cross_entropy: logits near 1000 overflow to nan",
         hidden_only=True, audit="stability", code='''
def two_layer_loss(params, X, y):
    hidden_pre, cache1 = affine_forward(X, params["W1"], params["b1"])
    hidden, cache_relu = relu_forward(hidden_pre)
    scores, cache2 = affine_forward(hidden, params["W2"], params["b2"])
    N = X.shape[0]
    probs = np.exp(scores) / np.sum(np.exp(scores), axis=1, keepdims=True)
    loss = -np.mean(np.log(probs[np.arange(N), y]))
    dscores = probs.copy()
    dscores[np.arange(N), y] -= 1.0
    dscores /= N
    dhidden, dW2, db2 = affine_backward(dscores, cache2)
    dhidden_pre = relu_backward(dhidden, cache_relu)
    _, dW1, db1 = affine_backward(dhidden_pre, cache1)
    return float(loss), {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
'''),
        dict(why="divides the parameter gradients by N again (dscores already carries the 1/N: the lesson's 'dividing by N twice')",
         hidden_only=True, audit="lesson", code='''
def two_layer_loss(params, X, y):
    N = X.shape[0]
    hidden_pre, cache1 = affine_forward(X, params["W1"], params["b1"])
    hidden, cache_relu = relu_forward(hidden_pre)
    scores, cache2 = affine_forward(hidden, params["W2"], params["b2"])
    loss, dscores = softmax_cross_entropy(scores, y)
    dhidden, dW2, db2 = affine_backward(dscores, cache2)
    dhidden_pre = relu_backward(dhidden, cache_relu)
    _, dW1, db1 = affine_backward(dhidden_pre, cache1)
    return loss, {"W1": dW1 / N, "b1": db1 / N, "W2": dW2 / N, "b2": db2 / N}
'''),
    ],
    'train': [
        dict(why="range(0, N - 1, batch_size): drops a last batch of one example when N = k * batch_size + 1 "
                 "(found by the audit's mutants)", hidden_only=True, audit='promise', code='''
def train(params, X, y, lr=0.1, epochs=20, batch_size=32, seed=0):
    rng_train = np.random.default_rng(seed)
    N = X.shape[0]
    history = []
    for _ in range(epochs):
        order = rng_train.permutation(N)
        batch_losses = []
        for i in range(0, N - 1, batch_size):
            batch = order[i:i + batch_size]
            loss, grads = two_layer_loss(params, X[batch], y[batch])
            batch_losses.append(loss)
            for k in params:
                params[k] -= lr * grads[k]
        history.append(np.mean(batch_losses))
    return np.array(history)
'''),
        dict(why="never shuffles: batches X[i:i + batch_size] in the same order every epoch", hidden_only=True, audit='lesson', code='''
def train(params, X, y, lr=0.1, epochs=20, batch_size=32, seed=0):
    N = X.shape[0]
    history = []
    for _ in range(epochs):
        batch_losses = []
        for i in range(0, N, batch_size):
            loss, grads = two_layer_loss(params, X[i:i + batch_size], y[i:i + batch_size])
            batch_losses.append(loss)
            for k in params:
                params[k] -= lr * grads[k]
        history.append(np.mean(batch_losses))
    return np.array(history)
'''),
        dict(why="records the full training-set loss after each epoch instead of the mean batch loss", hidden_only=True, audit='promise', code='''
def train(params, X, y, lr=0.1, epochs=20, batch_size=32, seed=0):
    rng_train = np.random.default_rng(seed)
    N = X.shape[0]
    history = []
    for _ in range(epochs):
        order = rng_train.permutation(N)
        for i in range(0, N, batch_size):
            batch = order[i:i + batch_size]
            loss, grads = two_layer_loss(params, X[batch], y[batch])
            for k in params:
                params[k] -= lr * grads[k]
        history.append(two_layer_loss(params, X, y)[0])
    return np.array(history)
'''),
        dict(why="ignores lr and batch_size (hard-codes 0.1 and 32)", hidden_only=True, code='''
def train(params, X, y, lr=0.1, epochs=20, batch_size=32, seed=0):
    rng_train = np.random.default_rng(seed)
    N = X.shape[0]
    history = []
    for _ in range(epochs):
        order = rng_train.permutation(N)
        batch_losses = []
        for i in range(0, N, 32):
            batch = order[i:i + 32]
            loss, grads = two_layer_loss(params, X[batch], y[batch])
            batch_losses.append(loss)
            for k in params:
                params[k] -= 0.1 * grads[k]
        history.append(np.mean(batch_losses))
    return np.array(history)
'''),
        dict(why="the update sits after the batch loop: one step per epoch, with the last batch's gradient", hidden_only=True, audit='lesson', code='''
def train(params, X, y, lr=0.1, epochs=20, batch_size=32, seed=0):
    rng_train = np.random.default_rng(seed)
    N = X.shape[0]
    history = []
    for _ in range(epochs):
        order = rng_train.permutation(N)
        batch_losses = []
        for i in range(0, N, batch_size):
            batch = order[i:i + batch_size]
            loss, grads = two_layer_loss(params, X[batch], y[batch])
            batch_losses.append(loss)
        for k in params:
            params[k] -= lr * grads[k]
        history.append(np.mean(batch_losses))
    return np.array(history)
'''),
        dict(why='steps uphill: params += lr * grads', hidden_only=False, code='''
def train(params, X, y, lr=0.1, epochs=20, batch_size=32, seed=0):
    rng_train = np.random.default_rng(seed)
    N = X.shape[0]
    history = []
    for _ in range(epochs):
        order = rng_train.permutation(N)
        batch_losses = []
        for i in range(0, N, batch_size):
            batch = order[i:i + batch_size]
            loss, grads = two_layer_loss(params, X[batch], y[batch])
            batch_losses.append(loss)
            for k in params:
                params[k] += lr * grads[k]
        history.append(np.mean(batch_losses))
    return np.array(history)
'''),
        dict(why='rebinds a local name instead of updating params: nothing is learned', hidden_only=False, audit='lesson', code='''
def train(params, X, y, lr=0.1, epochs=20, batch_size=32, seed=0):
    rng_train = np.random.default_rng(seed)
    N = X.shape[0]
    history = []
    for _ in range(epochs):
        order = rng_train.permutation(N)
        batch_losses = []
        for i in range(0, N, batch_size):
            batch = order[i:i + batch_size]
            loss, grads = two_layer_loss(params, X[batch], y[batch])
            batch_losses.append(loss)
            for k, p in params.items():
                p = p - lr * grads[k]
        history.append(np.mean(batch_losses))
    return np.array(history)
'''),
        dict(why="drops the last, smaller batch of each epoch (range(N // batch_size) full batches only)", hidden_only=True, audit='promise', code='''
def train(params, X, y, lr=0.1, epochs=20, batch_size=32, seed=0):
    rng_train = np.random.default_rng(seed)
    N = X.shape[0]
    history = []
    for _ in range(epochs):
        order = rng_train.permutation(N)
        batch_losses = []
        for j in range(N // batch_size):
            batch = order[j * batch_size:(j + 1) * batch_size]
            loss, grads = two_layer_loss(params, X[batch], y[batch])
            batch_losses.append(loss)
            for k in params:
                params[k] -= lr * grads[k]
        history.append(np.mean(batch_losses))
    return np.array(history)
'''),
        dict(why="creates rng = default_rng(seed) inside the epoch loop: the same permutation every epoch",
         hidden_only=True, audit="promise", code='''
def train(params, X, y, lr=0.1, epochs=20, batch_size=32, seed=0):
    N = X.shape[0]
    history = []
    for _ in range(epochs):
        rng_train = np.random.default_rng(seed)
        order = rng_train.permutation(N)
        batch_losses = []
        for i in range(0, N, batch_size):
            batch = order[i:i + batch_size]
            loss, grads = two_layer_loss(params, X[batch], y[batch])
            batch_losses.append(loss)
            for k in params:
                params[k] -= lr * grads[k]
        history.append(np.mean(batch_losses))
    return np.array(history)
'''),
        dict(why="returns the Python list of epoch losses, not the float64 array the docstring promises",
         hidden_only=True, audit="promise", code='''
def train(params, X, y, lr=0.1, epochs=20, batch_size=32, seed=0):
    rng_train = np.random.default_rng(seed)
    N = X.shape[0]
    history = []
    for _ in range(epochs):
        order = rng_train.permutation(N)
        batch_losses = []
        for i in range(0, N, batch_size):
            batch = order[i:i + batch_size]
            loss, grads = two_layer_loss(params, X[batch], y[batch])
            batch_losses.append(loss)
            for k in params:
                params[k] -= lr * grads[k]
        history.append(float(np.mean(batch_losses)))
    return history
'''),
    ],
}

ALTERNATIVES = {
    'numerical_gradient': [
        dict(why='flattens x, perturbs with basis vectors on copies, reshapes back', code='''
def central_difference(f, x, h=1e-5):
    return (f(x + h) - f(x - h)) / (2 * h)


def numerical_gradient(f, x, h=1e-5):
    flat = np.array(x, dtype=float).ravel()
    grad = np.zeros(flat.size)
    for i in range(flat.size):
        e = np.zeros(flat.size)
        e[i] = h
        grad[i] = (f((flat + e).reshape(np.shape(x))) - f((flat - e).reshape(np.shape(x)))) / (2 * h)
    return grad.reshape(np.shape(x))
'''),
        dict(why="perturbs x in place and nudges it back (+h, -2h, +h): x restored to within rounding (issue 13)", code='''
def central_difference(f, x, h=1e-5):
    return (f(x + h) - f(x - h)) / (2 * h)


def numerical_gradient(f, x, h=1e-5):
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        x[i] += h
        f_plus = f(x)
        x[i] -= 2 * h
        f_minus = f(x)
        x[i] += h
        grad[i] = (f_plus - f_minus) / (2 * h)
    return grad
'''),
    ],
    'fd_errors': [
        dict(why='a loop over h, and the closed-form least-squares slope in log10', code='''
def difference_errors(f, dfdx, x, hs):
    errs = np.zeros((len(hs), 2))
    for k, h in enumerate(hs):
        errs[k, 0] = abs((f(x + h) - f(x)) / h - dfdx(x))
        errs[k, 1] = abs((f(x + h) - f(x - h)) / (2 * h) - dfdx(x))
    return errs


def loglog_slope(hs, errs):
    lx, ly = np.log10(hs), np.log10(errs)
    lx = lx - lx.mean()
    return float(np.sum(lx * (ly - ly.mean())) / np.sum(lx ** 2))
'''),
    ],
    'composite': [
        dict(why='logaddexp for softplus and the tanh form of the sigmoid', code='''
def composite(x):
    x = np.asarray(x, dtype=np.float64)
    u = np.sin(3 * x)
    f = np.logaddexp(0.0, u)
    dfdx = 0.5 * (1.0 + np.tanh(u / 2)) * np.cos(3 * x) * 3
    return f, dfdx
'''),
    ],
    'jvp': [
        dict(why='forms the full Jacobian diag(1 - y^2) W explicitly', code='''
def numerical_jacobian(g, x, h=1e-6):
    x = np.asarray(x, dtype=np.float64)
    cols = []
    for j in range(x.shape[0]):
        e = np.zeros_like(x)
        e[j] = h
        cols.append((np.asarray(g(x + e)) - np.asarray(g(x - e))) / (2 * h))
    return np.stack(cols, axis=1)


def layer_jvp(W, b, x, v):
    y = np.tanh(W @ x + b)
    J = np.diag(1.0 - y ** 2) @ W
    return J @ v


def layer_vjp(W, b, x, u):
    y = np.tanh(W @ x + b)
    J = (1.0 - y ** 2)[:, None] * W
    return J.T @ u
'''),
    ],
    'gradient_descent': [
        dict(why='preallocated trajectory; 2 / spectral norm (equal to 2 / lambda_max for SPD A)', code='''
def gradient_descent(grad, x0, lr, n_steps):
    traj = np.zeros((n_steps + 1, len(x0)))
    traj[0] = x0
    for k in range(n_steps):
        traj[k + 1] = traj[k] - lr * grad(traj[k])
    return traj


def critical_step_size(A):
    return 2.0 / np.linalg.norm(A, 2)
'''),
    ],
    'value': [
        dict(why="Kahn's algorithm: a node is processed once all the nodes using it are done", code='''
class Value:

    def __init__(self, data, _children=(), _op=""):
        self.data = float(data)
        self.grad = 0.0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op

    def __repr__(self):
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    def __pow__(self, k):
        assert isinstance(k, (int, float)), "only constant int/float exponents"
        out = Value(self.data ** k, (self,), f"**{k}")

        def _backward():
            self.grad += k * self.data ** (k - 1) * out.grad
        out._backward = _backward
        return out

    def exp(self):
        out = Value(math.exp(self.data), (self,), "exp")

        def _backward():
            self.grad += out.data * out.grad
        out._backward = _backward
        return out

    def tanh(self):
        out = Value(math.tanh(self.data), (self,), "tanh")

        def _backward():
            self.grad += (1.0 - out.data ** 2) * out.grad
        out._backward = _backward
        return out

    def relu(self):
        out = Value(self.data if self.data > 0 else 0.0, (self,), "relu")

        def _backward():
            self.grad += (1.0 if self.data > 0 else 0.0) * out.grad
        out._backward = _backward
        return out

    def backward(self):
        nodes, stack = {self}, [self]
        while stack:
            for child in stack.pop()._prev:
                if child not in nodes:
                    nodes.add(child)
                    stack.append(child)
        users = {v: 0 for v in nodes}
        for v in nodes:
            for child in v._prev:
                users[child] += 1
        self.grad = 1.0
        ready = [self]
        while ready:
            v = ready.pop()
            v._backward()
            for child in v._prev:
                users[child] -= 1
                if users[child] == 0:
                    ready.append(child)

    # given: the remaining operators, built from the ones above
    def __neg__(self):
        return self * -1.0

    def __radd__(self, other):
        return self + other

    def __sub__(self, other):
        return self + (-other)

    def __rsub__(self, other):
        return (-self) + other

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        return self * other ** -1

    def __rtruediv__(self, other):
        return self ** -1 * other
'''),
    ],
    'affine': [
        dict(why='einsum and a ones-vector for the bias', code='''
def affine_forward(x, W, b):
    out = x @ W + b
    cache = (x, W)
    return out, cache


def affine_backward(dout, cache):
    x, W = cache
    dx = dout @ W.T
    dW = np.einsum('nd,nm->dm', x, dout)
    db = np.ones(dout.shape[0]) @ dout
    return dx, dW, db
'''),
    ],
    'relu': [
        dict(why='caches the output and masks where out > 0 (the same set as x > 0)', code='''
def relu_forward(x):
    out = np.maximum(x, 0.0)
    return out, out


def relu_backward(dout, cache):
    x = cache
    return np.where(x > 0, dout, 0.0)
'''),
    ],
    'softmax_ce': [
        dict(why='shifted softmax probabilities, then the log of the correct-class probability', code='''
def softmax_cross_entropy(scores, y):
    N = scores.shape[0]
    shifted = scores - scores.max(axis=1, keepdims=True)
    probs = np.exp(shifted)
    probs /= probs.sum(axis=1, keepdims=True)
    loss = -np.mean(np.log(probs[np.arange(N), y]))
    dscores = probs.copy()
    dscores[np.arange(N), y] -= 1.0
    dscores /= N
    return float(loss), dscores
'''),
    ],
    'two_layer': [
        dict(why='inline NumPy, without the layer functions', code='''
def two_layer_loss(params, X, y):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    a = X @ W1 + b1
    hid = np.maximum(a, 0)
    s = hid @ W2 + b2
    s = s - s.max(axis=1, keepdims=True)
    p = np.exp(s) / np.exp(s).sum(axis=1, keepdims=True)
    n = X.shape[0]
    loss = -np.log(p[np.arange(n), y]).mean()
    ds = p.copy()
    ds[np.arange(n), y] -= 1
    ds /= n
    dhid = ds @ W2.T
    da = dhid * (a > 0)
    return loss, {"W1": X.T @ da, "b1": da.sum(0), "W2": hid.T @ ds, "b2": ds.sum(0)}
'''),
    ],
    'train': [
        dict(why='np.array_split into ceil(N / batch_size) batches; new arrays assigned into the dict', code='''
def train(params, X, y, lr=0.1, epochs=20, batch_size=32, seed=0):
    rng_train = np.random.default_rng(seed)
    N = X.shape[0]
    history = []
    for _ in range(epochs):
        order = rng_train.permutation(N)
        batch_losses = []
        for batch in np.array_split(order, -(-N // batch_size)):
            loss, grads = two_layer_loss(params, X[batch], y[batch])
            batch_losses.append(loss)
            for k in params:
                params[k] = params[k] - lr * grads[k]
        history.append(np.mean(batch_losses))
    return np.array(history)
'''),
    ],
}


# Issue 13 audit: classes that cannot apply to an answer cell, with the reason a reviewer can check.
NOT_APPLICABLE = {
    'numerical_gradient': {
        'library': "NumPy has no routine that differentiates a Python callable (np.gradient differentiates "
                   "sampled arrays on a grid) and SciPy is not installed; the notebook allows NumPy and the standard library only",
    },
    'fd_errors': {
        'library': "the docstring allows np.polyfit for the slope (fitting a line is not the exercise: log-log axes and "
                   "all points are, both tested); no library routine computes difference errors",
    },
    'composite': {
        'stability': "u = sin 3x lies in [-1, 1], so exp(u) is in [0.37, 2.72]: no overflow, and neither ln(1 + e^u) "
                     "nor 1 / (1 + e^-u) subtracts near-equal values; the naive formulas are exact to rounding",
        'library': "NumPy has no symbolic or automatic derivative; the only library route, np.gradient, is a finite "
                   "difference, which the docstring forbids (recorded: the central-difference wrong answer)",
    },
    'jvp': {
        'stability': "np.tanh saturates without overflow and 1 - y^2 only loses relative accuracy where tanh' < 1e-15, "
                     "which changes J v and J^T u by less than their rounding; the difference step h is the caller's",
        'library': "NumPy has no Jacobian or autodiff routine (SciPy is not installed); forming J with np.diag is "
                   "allowed by the docstring and recorded as an alternative",
    },
    'gradient_descent': {
        'stability': "one subtraction x - lr * grad per step, no exp/log or cancellation; divergence above 2/L is the "
                     "mathematics, and 2 / lambda_max of an SPD matrix is perfectly conditioned (Weyl: |d lambda| <= |dA|)",
        'library': "the docstring allows np.linalg.eigvalsh for L (the exercise is which number of A sets the limit); "
                   "gradient descent itself has no library routine in NumPy",
    },
    'value': {
        'library': "no library does scalar reverse-mode autodiff with NumPy and the standard library (no torch, jax or "
                   "autograd installed); math.exp and math.tanh are the intended local operations",
    },
    'affine': {
        'stability': "matrix products and a column sum only: no exp/log, division or subtraction of near-equal values; "
                     "rounding is about D * eps relative, well inside the 1e-12 checks",
        'library': "@ and .sum are the intended tools; NumPy has no layer or backward-pass routine that could do the work",
    },
    'relu': {
        'stability': "a comparison and a multiplication by 0 or 1: exact in floating point, nothing to overflow or cancel",
        'library': "np.maximum / np.where are the intended elementwise tools; NumPy has no ReLU backward routine",
    },
    'softmax_ce': {
        'library': "NumPy has no softmax or log-sum-exp routine (scipy.special is not installed), so nothing can do the work",
    },
    'two_layer': {
        'library': "it composes the student's own layers; NumPy has no network, loss or backprop routine to call instead",
    },
    'train': {
        'stability': "SGD updates and a mean of the epoch's batch losses: no exp/log or cancellation of its own; the loss's "
                     "overflow hazard is softmax_cross_entropy's, tested there and in two_layer",
        'library': "NumPy has no optimizer or training loop; rng.permutation is the shuffle the docstring prescribes",
    },
}
