"""Recorded wrong answers and accepted alternatives for 07_advanced_gnn/gnn.ipynb (instructor-only)."""

WRONG = {
    "adjacency_matrix": [
        dict(why="sets only A[i, j], not A[j, i]: a directed (non-symmetric) matrix", hidden_only=False, code='''
def adjacency_matrix(edges, n):
    A = np.zeros((n, n))
    A[edges[:, 0], edges[:, 1]] = 1.0
    return A
'''),
        dict(why="counts repeated edges (A[i, j] += 1): entries of 2 for an edge listed twice", hidden_only=True, code='''
def adjacency_matrix(edges, n):
    A = np.zeros((n, n))
    for i, j in edges:
        A[i, j] += 1.0
        A[j, i] += 1.0
    return A
'''),
        dict(why="infers the number of nodes from the largest id instead of using n (drops trailing isolated nodes)",
             hidden_only=False, code='''
def adjacency_matrix(edges, n):
    m = int(edges.max()) + 1
    A = np.zeros((m, m))
    A[edges[:, 0], edges[:, 1]] = 1.0
    A[edges[:, 1], edges[:, 0]] = 1.0
    return A
'''),
    ],
    "degree_and_laplacian": [
        dict(why="sign flipped: L = A - D", hidden_only=False, code='''
def degree_and_laplacian(A):
    d = A.sum(axis=1)
    return d, A - np.diag(d)
'''),
        dict(why="degree = number of neighbours (count_nonzero) instead of the sum of the weights", hidden_only=True, code='''
def degree_and_laplacian(A):
    d = np.count_nonzero(A, axis=1).astype(np.float64)
    return d, np.diag(d) - A
'''),
    ],
    "fiedler_vector": [
        dict(why="takes a ROW of eigh's eigenvector matrix (vecs[1]) instead of the column vecs[:, 1]", hidden_only=False, code='''
def fiedler_vector(L):
    vals, vecs = np.linalg.eigh(L)
    return float(vals[1]), vecs[1]
'''),
        dict(why="takes the smallest eigenpair: eigenvalue 0 and the constant vector", hidden_only=False, code='''
def fiedler_vector(L):
    vals, vecs = np.linalg.eigh(L)
    return float(vals[0]), vecs[:, 0]
'''),
        dict(why="takes the LARGEST eigenpair, as for PCA (an eigenpair orthogonal to 1, but not lambda_2)",
             hidden_only=True, code='''
def fiedler_vector(L):
    vals, vecs = np.linalg.eigh(L)
    return float(vals[-1]), vecs[:, -1]
'''),
    ],
    "normalized_adjacency": [
        dict(why="forgets the self-loops: D^-1/2 A D^-1/2", hidden_only=False, code='''
def normalized_adjacency(A):
    s = 1.0 / np.sqrt(A.sum(axis=1))
    return A * s[:, None] * s[None, :]
'''),
        dict(why="row normalisation D~^-1 (A + I) instead of the symmetric D~^-1/2 (A + I) D~^-1/2", hidden_only=True, code='''
def normalized_adjacency(A):
    At = A + np.eye(A.shape[0])
    return At / At.sum(axis=1, keepdims=True)
'''),
        dict(why="adds the self-loops but normalises with the degrees of A (without the +1)", hidden_only=False, code='''
def normalized_adjacency(A):
    At = A + np.eye(A.shape[0])
    s = 1.0 / np.sqrt(A.sum(axis=1))
    return At * s[:, None] * s[None, :]
'''),
    ],
    "gcn_forward": [
        dict(why="propagates only in the first layer: S = relu(A_hat X W1 + b1) W2 + b2", hidden_only=True, code='''
def gcn_forward(params, A_hat, X):
    AX = A_hat @ X
    Z1 = AX @ params["W1"] + params["b1"]
    H = np.maximum(Z1, 0.0)
    S = H @ params["W2"] + params["b2"]
    return S, (AX, Z1, H, A_hat, params)
'''),
        dict(why="adds the biases before propagating: A_hat (X W1 + b1), A_hat (H W2 + b2)", hidden_only=True, code='''
def gcn_forward(params, A_hat, X):
    AX = A_hat @ X
    Z1 = A_hat @ (X @ params["W1"] + params["b1"])
    H = np.maximum(Z1, 0.0)
    AH = A_hat @ H
    S = A_hat @ (H @ params["W2"] + params["b2"])
    return S, (AX, Z1, AH, A_hat, params)
'''),
        dict(why="forgets the ReLU between the layers (the network collapses to a linear map)", hidden_only=False, code='''
def gcn_forward(params, A_hat, X):
    AX = A_hat @ X
    Z1 = AX @ params["W1"] + params["b1"]
    AH = A_hat @ Z1
    S = AH @ params["W2"] + params["b2"]
    return S, (AX, Z1, AH, A_hat, params)
'''),
    ],
    "gcn_backward": [
        dict(why="forgets A_hat^T when backpropagating into the hidden layer: dH = dS W2^T", hidden_only=True, code='''
def gcn_backward(dS, cache):
    AX, Z1, AH, A_hat, params = cache
    dW2 = AH.T @ dS
    db2 = dS.sum(axis=0)
    dH = dS @ params["W2"].T
    dZ1 = dH * (Z1 > 0)
    return {"W1": AX.T @ dZ1, "b1": dZ1.sum(axis=0), "W2": dW2, "b2": db2}
'''),
        dict(why="ReLU mask taken from the incoming gradient (dH > 0) instead of the pre-activation (Z1 > 0)",
             hidden_only=True, code='''
def gcn_backward(dS, cache):
    AX, Z1, AH, A_hat, params = cache
    dW2 = AH.T @ dS
    db2 = dS.sum(axis=0)
    dH = A_hat.T @ (dS @ params["W2"].T)
    dZ1 = dH * (dH > 0)
    return {"W1": AX.T @ dZ1, "b1": dZ1.sum(axis=0), "W2": dW2, "b2": db2}
'''),
        dict(why="bias gradients averaged over the nodes instead of summed", hidden_only=True, code='''
def gcn_backward(dS, cache):
    AX, Z1, AH, A_hat, params = cache
    dW2 = AH.T @ dS
    db2 = dS.mean(axis=0)
    dH = A_hat.T @ (dS @ params["W2"].T)
    dZ1 = dH * (Z1 > 0)
    return {"W1": AX.T @ dZ1, "b1": dZ1.mean(axis=0), "W2": dW2, "b2": db2}
'''),
    ],
    "train_gcn": [
        dict(why="ignores seed: always initializes with default_rng(0)", hidden_only=True, code='''
def train_gcn(A_hat, X, y, labelled, n_hidden=16, n_steps=200, lr=0.01, seed=0):
    params = init_gcn_params(np.random.default_rng(0), X.shape[1], n_hidden, 2)
    opt = Adam(params, lr=lr)
    losses = []
    for _ in range(n_steps):
        S, cache = gcn_forward(params, A_hat, X)
        loss, dlab = softmax_cross_entropy(S[labelled], y[labelled])
        dS = np.zeros_like(S)
        dS[labelled] = dlab
        opt.step(gcn_backward(dS, cache))
        losses.append(loss)
    return params, losses
'''),
        dict(why="records the loss after the step's update instead of before it", hidden_only=True, code='''
def train_gcn(A_hat, X, y, labelled, n_hidden=16, n_steps=200, lr=0.01, seed=0):
    params = init_gcn_params(np.random.default_rng(seed), X.shape[1], n_hidden, 2)
    opt = Adam(params, lr=lr)
    losses = []
    for _ in range(n_steps):
        S, cache = gcn_forward(params, A_hat, X)
        loss, dlab = softmax_cross_entropy(S[labelled], y[labelled])
        dS = np.zeros_like(S)
        dS[labelled] = dlab
        opt.step(gcn_backward(dS, cache))
        S_after, _ = gcn_forward(params, A_hat, X)
        losses.append(softmax_cross_entropy(S_after[labelled], y[labelled])[0])
    return params, losses
'''),
        dict(why="label leakage: the loss uses every node's label, not only the labelled ones", hidden_only=True, code='''
def train_gcn(A_hat, X, y, labelled, n_hidden=16, n_steps=200, lr=0.01, seed=0):
    params = init_gcn_params(np.random.default_rng(seed), X.shape[1], n_hidden, 2)
    opt = Adam(params, lr=lr)
    losses = []
    for _ in range(n_steps):
        S, cache = gcn_forward(params, A_hat, X)
        loss, dS = softmax_cross_entropy(S, y)
        opt.step(gcn_backward(dS, cache))
        losses.append(loss)
    return params, losses
'''),
        dict(why="steps along +gradient: passes the negated gradients to Adam (gradient ascent)", hidden_only=False, code='''
def train_gcn(A_hat, X, y, labelled, n_hidden=16, n_steps=200, lr=0.01, seed=0):
    params = init_gcn_params(np.random.default_rng(seed), X.shape[1], n_hidden, 2)
    opt = Adam(params, lr=lr)
    losses = []
    for _ in range(n_steps):
        S, cache = gcn_forward(params, A_hat, X)
        loss, dlab = softmax_cross_entropy(S[labelled], y[labelled])
        dS = np.zeros_like(S)
        dS[labelled] = -dlab
        opt.step(gcn_backward(dS, cache))
        losses.append(loss)
    return params, losses
'''),
        dict(why="writes the labelled nodes' gradient into the first rows of dS (dS[:2]) instead of the labelled rows",
             hidden_only=False, code='''
def train_gcn(A_hat, X, y, labelled, n_hidden=16, n_steps=200, lr=0.01, seed=0):
    params = init_gcn_params(np.random.default_rng(seed), X.shape[1], n_hidden, 2)
    opt = Adam(params, lr=lr)
    losses = []
    for _ in range(n_steps):
        S, cache = gcn_forward(params, A_hat, X)
        loss, dlab = softmax_cross_entropy(S[labelled], y[labelled])
        dS = np.zeros_like(S)
        dS[:len(labelled)] = dlab
        opt.step(gcn_backward(dS, cache))
        losses.append(loss)
    return params, losses
'''),
    ],
    "knn_graph_distances": [
        dict(why="stops at the k-NN edge lengths: no shortest paths (inf between non-neighbours)", hidden_only=False, code='''
def knn_graph_distances(X, k):
    N = X.shape[0]
    D = np.sqrt(((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=-1))
    order = np.argsort(D, axis=1)[:, 1:k + 1]
    E = np.zeros((N, N), dtype=bool)
    E[np.arange(N)[:, None], order] = True
    E = E | E.T
    G = np.where(E, D, np.inf)
    np.fill_diagonal(G, 0.0)
    return G
'''),
        dict(why="directed k-NN graph (not symmetrised): distances are not symmetric", hidden_only=True, code='''
def knn_graph_distances(X, k):
    N = X.shape[0]
    D = np.sqrt(((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=-1))
    order = np.argsort(D, axis=1)[:, 1:k + 1]
    E = np.zeros((N, N), dtype=bool)
    E[np.arange(N)[:, None], order] = True
    G = np.where(E, D, np.inf)
    np.fill_diagonal(G, 0.0)
    for m in range(N):
        G = np.minimum(G, G[:, m:m + 1] + G[m:m + 1, :])
    return G
'''),
        dict(why="counts each point as its own nearest neighbour (argsort[:, :k]): only k - 1 real neighbours",
             hidden_only=True, code='''
def knn_graph_distances(X, k):
    N = X.shape[0]
    D = np.sqrt(((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=-1))
    order = np.argsort(D, axis=1)[:, :k]
    E = np.zeros((N, N), dtype=bool)
    E[np.arange(N)[:, None], order] = True
    E = E | E.T
    G = np.where(E, D, np.inf)
    np.fill_diagonal(G, 0.0)
    for m in range(N):
        G = np.minimum(G, G[:, m:m + 1] + G[m:m + 1, :])
    return G
'''),
        dict(why="mutual k-NN graph (an edge only if EACH is among the other's k nearest; the docstring says OR)",
             hidden_only=True, code='''
def knn_graph_distances(X, k):
    N = X.shape[0]
    D = np.sqrt(((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=-1))
    order = np.argsort(D + np.diag(np.full(N, np.inf)), axis=1)[:, :k]
    E = np.zeros((N, N), dtype=bool)
    E[np.arange(N)[:, None], order] = True
    E = E & E.T
    G = np.where(E, D, np.inf)
    np.fill_diagonal(G, 0.0)
    for m in range(N):
        G = np.minimum(G, G[:, m:m + 1] + G[m:m + 1, :])
    return G
'''),
        dict(why="returns the straight-line (chord) distances, ignoring the graph", hidden_only=True, code='''
def knn_graph_distances(X, k):
    return np.sqrt(((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=-1))
'''),
    ],
    "laplacian_eigenmap": [
        dict(why="returns the eigenvectors U of L_sym without the D^-1/2 rescaling (right on a regular graph, "
                 "where D is a multiple of I; wrong on the karate club)", hidden_only=True, code='''
def laplacian_eigenmap(A, k):
    d = A.sum(axis=1)
    s = 1.0 / np.sqrt(d)
    mu, U = np.linalg.eigh(np.eye(A.shape[0]) - A * s[:, None] * s[None, :])
    return mu[1:k + 1], U[:, 1:k + 1]
'''),
        dict(why="normalises every ROW to unit length (the Ng-Jordan-Weiss step of spectral clustering), which is "
                 "not the eigenmap: Y^T D Y = I and L y = mu D y fail", hidden_only=True, code='''
def laplacian_eigenmap(A, k):
    d = A.sum(axis=1)
    s = 1.0 / np.sqrt(d)
    mu, U = np.linalg.eigh(np.eye(A.shape[0]) - A * s[:, None] * s[None, :])
    Y = U[:, 1:k + 1]
    return mu[1:k + 1], Y / np.linalg.norm(Y, axis=1, keepdims=True)
'''),
        dict(why="keeps the trivial eigenvector (columns 0..k-1): eigenvalue 0 and a constant coordinate", hidden_only=False, code='''
def laplacian_eigenmap(A, k):
    d = A.sum(axis=1)
    s = 1.0 / np.sqrt(d)
    mu, U = np.linalg.eigh(np.eye(A.shape[0]) - A * s[:, None] * s[None, :])
    return mu[:k], U[:, :k] * s[:, None]
'''),
        dict(why="eigenvectors of the combinatorial Laplacian D - A instead of the normalized one", hidden_only=False, code='''
def laplacian_eigenmap(A, k):
    d = A.sum(axis=1)
    mu, U = np.linalg.eigh(np.diag(d) - A)
    return mu[1:k + 1], U[:, 1:k + 1]
'''),
        dict(why="takes the LARGEST eigenvalues (eigh sorts ascending)", hidden_only=False, code='''
def laplacian_eigenmap(A, k):
    d = A.sum(axis=1)
    s = 1.0 / np.sqrt(d)
    mu, U = np.linalg.eigh(np.eye(A.shape[0]) - A * s[:, None] * s[None, :])
    return mu[::-1][:k], U[:, ::-1][:, :k] * s[:, None]
'''),
    ],
}

ALTERNATIVES = {
    "adjacency_matrix": [
        dict(why="a Python loop over the edge list", code='''
def adjacency_matrix(edges, n):
    A = np.zeros((n, n), dtype=np.float64)
    for i, j in edges:
        A[i, j] = A[j, i] = 1.0
    return A
'''),
    ],
    "degree_and_laplacian": [
        dict(why="degrees as A @ 1 and L built by overwriting the diagonal of -A", code='''
def degree_and_laplacian(A):
    d = A @ np.ones(A.shape[0])
    L = -A.copy()
    L[np.diag_indices_from(L)] = d
    return d, L
'''),
    ],
    "fiedler_vector": [
        dict(why="returns -v (the other sign) and normalises explicitly", code='''
def fiedler_vector(L):
    vals, vecs = np.linalg.eigh(L)
    v = -vecs[:, 1]
    return vals[1].item(), v / np.linalg.norm(v)
'''),
    ],
    "normalized_adjacency": [
        dict(why="explicit diagonal matrices D~^-1/2 @ (A + I) @ D~^-1/2", code='''
def normalized_adjacency(A):
    At = A + np.eye(len(A))
    D_inv_sqrt = np.diag(At.sum(axis=0) ** -0.5)
    return D_inv_sqrt @ At @ D_inv_sqrt
'''),
    ],
    "gcn_forward": [
        dict(why="multiplies by the weights first: A_hat (X W1), A_hat (H W2)", code='''
def gcn_forward(params, A_hat, X):
    Z1 = A_hat @ (X @ params["W1"]) + params["b1"]
    H = np.maximum(Z1, 0.0)
    S = A_hat @ (H @ params["W2"]) + params["b2"]
    return S, (A_hat @ X, Z1, A_hat @ H, A_hat, params)
'''),
    ],
    "knn_graph_distances": [
        dict(why="Dijkstra from every source with heapq over the neighbour lists", code='''
def knn_graph_distances(X, k):
    import heapq
    N = X.shape[0]
    D = np.linalg.norm(X[:, None, :] - X[None, :, :], axis=-1)
    nbrs = [set() for _ in range(N)]
    for i in range(N):
        for j in np.argsort(D[i])[1:k + 1]:
            nbrs[i].add(int(j))
            nbrs[int(j)].add(i)
    G = np.full((N, N), np.inf)
    for s in range(N):
        G[s, s] = 0.0
        heap = [(0.0, s)]
        while heap:
            g, u = heapq.heappop(heap)
            if g > G[s, u]:
                continue
            for v in nbrs[u]:
                if g + D[u, v] < G[s, v]:
                    G[s, v] = g + D[u, v]
                    heapq.heappush(heap, (G[s, v], v))
    return G
'''),
    ],
    "laplacian_eigenmap": [
        dict(why="generalised problem L y = mu D y through explicit D^-1/2 matrices, signs flipped", code='''
def laplacian_eigenmap(A, k):
    d = A.sum(axis=1)
    Dm = np.diag(d ** -0.5)
    mu, U = np.linalg.eigh(Dm @ (np.diag(d) - A) @ Dm)
    return mu[1:k + 1], -(Dm @ U[:, 1:k + 1])
'''),
    ],
}
