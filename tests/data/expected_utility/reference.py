#!/usr/bin/env python3
"""Reference values for tests/unit/test_eu_model.cpp (suite expected_utility).

An independent transcription, in plain Python (float64, standard library
only), of Bueno de Mesquita's expected-utility model as Scholz, Calbert &
Smith (2011) specify it and as docs/model.md §7 describes it; equation
numbers are the paper's (ICAART 2011 version):

  votes       v^{jk} = sum_i c_i s_i 2(|x_i - x_k| - |x_i - x_j|)/R     (28-29)
  median      argmin_y sum_i c_i s_i |x_i - y|, the lower y on a flat minimum
  mean        sum c_i s_i x_i / sum c_i s_i
  P^i vs j    sum_{g_k>0} c_k s_k g_k / sum_k c_k s_k |g_k|,
              g_k = |x_k - x_j| - |x_k - x_i|; 1/2 when the sum is 0    (30-31)
  utilities   U_s, U_f, U_b, U_w, U_sq                            (15-16, 22-24)
  T           1 iff |x_i - mu| < |x_i - x_j|
  EU          E^i(U_ij) = s_j[P^i U_s + (1 - P^i) U_f] + (1 - s_j) U_s
                          - Q U_sq - (1 - Q)[T U_b + (1 - T) U_w]     (5-7, 25a)
  security    Sec_i = sum_{j != i} E^j(U_ji), every r = 1               (32, 34)
  risk        R_i = (2 Sec_i - max - min)/(max - min), 0 if max = min;
              r_i = (1 - R_i/3)/(1 + R_i/3)                                 (33)
  offers      the octants of figure 6, eqs. 35-36, and the selection rules
              least_move / highest_eu of docs/model.md §7.3

Ties (docs/model.md §7.3): a comparison the paper states strictly treats
values within TIE = 1e-12 as equal, distances relative to R (TIE*R), EUs
absolutely (they are O(1)).

Nothing here reads or calls parley's C++ code. Run with
    /usr/bin/python3 tests/data/expected_utility/reference.py
Every line is "<test case> | <quantity> = <value>", floats printed with 17
significant digits (format '.17g', as the test file quotes them; it reads
back as the same double); with --repr, Python's shortest round-trip repr.

Reference: Scholz, J. B., Calbert, G. J. & Smith, G. A. (2011). Unravelling
Bueno de Mesquita's group decision model. Journal of Theoretical Politics
23(4), 510-531; Proc. ICAART 2011, 18-30.
"""

import random
import sys

TIE = 1e-12  # the tolerance of ties (eu::kTie in the engine)

# --------------------------------------------------------------------------
# Data

# BDM 1994 p. 78 (Scholz et al. Table 1), saliences as fractions.
ACTORS = ["NL", "BE", "LU", "DE", "FR", "IT", "UK", "IE", "DK", "GR"]
NL, BE, LU, DE, FR, IT, UK, IE, DK, GR = range(10)
BDM_C = [.08, .08, .03, .16, .16, .16, .16, .05, .05, .08]
BDM_X = [4.0, 7.0, 4.0, 4.0, 10.0, 10.0, 10.0, 7.0, 4.0, 7.0]
BDM_S = [.8, .4, .2, .8, .6, .6, .9, .1, 1.0, .7]


def random_issue():
    """Six actors from random.Random(0), rounded to 3 places: 6 positions,
    then 6 capabilities, then 6 saliences."""
    rng = random.Random(0)
    draws = [round(rng.random(), 3) for _ in range(18)]
    return draws[0:6], draws[6:12], draws[12:18]


RND_X, RND_C, RND_S = random_issue()
# The same numbers as written in tests/unit/eu_test_data.h.
assert RND_X == [0.844, 0.758, 0.421, 0.259, 0.511, 0.405]
assert RND_C == [0.784, 0.303, 0.477, 0.583, 0.908, 0.505]
assert RND_S == [0.282, 0.756, 0.618, 0.251, 0.91, 0.983]

# --------------------------------------------------------------------------
# f.1: range, votes, median, mean


def value_range(x):
    """R = x_max - x_min over the current positions."""
    return max(x) - min(x)


def vote(x, c, s, j, k):
    """v^{jk} (eqs. 28-29): positive when x_j beats x_k; 0 when R = 0."""
    R = value_range(x)
    if not R > 0:
        return 0.0
    total = 0.0
    for i in range(len(x)):
        total += c[i] * s[i] * 2 * (abs(x[i] - x[k]) - abs(x[i] - x[j])) / R
    return total


def weighted_median(x, c, s):
    """argmin over the actors' positions y of sum_i c_i s_i |x_i - y|, the
    lowest y among the minimisers (within TIE of the minimum, relative to
    the objective's size). The minimum of this convex, piecewise-linear
    function is always attained at a position."""
    candidates = sorted(set(x))
    objective = [sum(c[i] * s[i] * abs(x[i] - y) for i in range(len(x))) for y in candidates]
    best = min(objective)
    scale = max(objective)
    for y, f in zip(candidates, objective):
        if f <= best + TIE * scale:
            return y


def weighted_mean(x, c, s):
    """sum c_i s_i x_i / sum c_i s_i (the 'compromise model')."""
    return sum(c[i] * s[i] * x[i] for i in range(len(x))) / sum(c[i] * s[i] for i in range(len(x)))


# --------------------------------------------------------------------------
# f.2: probability, utilities, expected utility


def prevail(x, c, s, i, j):
    """P^i, the probability that i prevails against j (eqs. 30-31)."""
    num = 0.0
    den = 0.0
    for k in range(len(x)):
        g = abs(x[k] - x[j]) - abs(x[k] - x[i])
        if g > 0:
            num += c[k] * s[k] * g
        den += c[k] * s[k] * abs(g)
    if not den > 0:
        return 0.5
    return num / den


def utilities(xi, xj, mu, R, r):
    """i's basic utilities of challenging j under i's risk exponent r
    (eqs. 15-16, 22-24): (U_s, U_f, U_b, U_w, U_sq)."""
    d = abs(xi - xj) / R
    e = (abs(xi - mu) + abs(xi - xj)) / R
    u_s = 2 - 4 * (0.5 - 0.5 * d) ** r
    u_f = 2 - 4 * (0.5 + 0.5 * d) ** r
    u_b = 2 - 4 * (0.5 - 0.25 * e) ** r
    u_w = 2 - 4 * (0.5 + 0.25 * e) ** r
    u_sq = 2 - 4 * 0.5 ** r
    return u_s, u_f, u_b, u_w, u_sq


def median_helps(xi, xj, mu, R):
    """T: j moving to the median mu would bring it closer to i,
    |x_i - mu| < |x_i - x_j|, by more than TIE*R."""
    return abs(xi - mu) < abs(xi - xj) - TIE * R


def expected_utility(u, p, s_j, q, t):
    """E^i(U_ij) (eqs. 5-7, 25a) from i's utilities u, P^i, the target's
    salience s_j, Q and T."""
    u_s, u_f, u_b, u_w, u_sq = u
    T = 1 if t else 0
    return s_j * (p * u_s + (1 - p) * u_f) + (1 - s_j) * u_s - q * u_sq - (1 - q) * (T * u_b + (1 - T) * u_w)


def challenge(x, c, s, i, j, mu, R, r, q):
    """E^i(U_ij) on an issue, with i's risk exponent r."""
    u = utilities(x[i], x[j], mu, R, r)
    return expected_utility(u, prevail(x, c, s, i, j), s[j], q, median_helps(x[i], x[j], mu, R))


# --------------------------------------------------------------------------
# f.3: security and risk


def risk_attitude(sec_i, hi, lo):
    """R_i (eq. 33), 0 when every Sec is equal."""
    if not hi > lo:
        return 0.0
    return (2 * sec_i - hi - lo) / (hi - lo)


def risk_exponent(R_i):
    """r_i = (1 - R_i/3)/(1 + R_i/3) (eq. 33)."""
    return (1 - R_i / 3) / (1 + R_i / 3)


# --------------------------------------------------------------------------
# f.4: octants, moves, offer selection

TIE_OCTANT, CONF_MINUS, CONF_PLUS, COMP_PLUS, COMP_MINUS, COMPEL_PLUS, COMPEL_MINUS, STALEMATE = (
    "Tie", "ConfrontationMinus", "ConfrontationPlus", "CompromisePlus", "CompromiseMinus",
    "CompelPlus", "CompelMinus", "Stalemate")
# Kinds of move, by priority (conflict before compromise before capitulation).
NONE, CONFLICT, COMPROMISE, CAPITULATION = 0, 1, 2, 3
KIND_NAME = {NONE: "None", CONFLICT: "Conflict", COMPROMISE: "Compromise", CAPITULATION: "Capitulation"}


def same(a, b, tol):
    return abs(a - b) <= tol


def classify(a, b):
    """Figure 6's region of the dyad (a, b) = (E^i(U_ij), E^j(U_ji)). The
    boundaries (a zero, a = b > 0, |a| = |b| with opposite signs, all within
    TIE) are ties: nobody moves."""
    if same(a, 0, TIE) or same(b, 0, TIE):
        return TIE_OCTANT
    if a < 0 and b < 0:
        return STALEMATE
    if same(abs(a), abs(b), TIE):
        return TIE_OCTANT
    if a > 0 and b > 0:
        return CONF_MINUS if b > a else CONF_PLUS
    if a > 0:  # b < 0
        return COMP_PLUS if abs(a) > abs(b) else COMPEL_PLUS
    return COMP_MINUS if abs(b) > abs(a) else COMPEL_MINUS  # a < 0 < b


def resolve(i, j, a, b, xi, xj):
    """The move the dyad {i, j} proposes: (mover, proposer, kind, target,
    eu), eu being the proposer's EU; None when nobody moves."""
    o = classify(a, b)
    if o == CONF_MINUS:
        return (i, j, CONFLICT, xj, b)
    if o == CONF_PLUS:
        return (j, i, CONFLICT, xi, a)
    if o == COMP_PLUS:
        return (j, i, COMPROMISE, xj + (xi - xj) * abs(b / a), a)  # eq. 35
    if o == COMP_MINUS:
        return (i, j, COMPROMISE, xi + (xj - xi) * abs(a / b), b)  # eq. 36
    if o == COMPEL_PLUS:
        return (j, i, CAPITULATION, xi, a)
    if o == COMPEL_MINUS:
        return (i, j, CAPITULATION, xj, b)
    return None


def better_offer(new, old, x, highest_eu, R):
    """True when the mover at x takes the offer new rather than old: by
    kind, then least_move (the shorter move, then the higher EU) or
    highest_eu (the higher EU, then the shorter move), last the lower
    proposer. Lengths within TIE*R and EUs within TIE are equal."""
    if old is None:
        return new is not None
    if new[2] != old[2]:
        return new[2] < old[2]
    len_new, len_old = abs(new[3] - x), abs(old[3] - x)
    by_length = None if same(len_new, len_old, TIE * R) else len_new < len_old
    by_eu = None if same(new[4], old[4], TIE) else new[4] > old[4]
    for decided in ((by_eu, by_length) if highest_eu else (by_length, by_eu)):
        if decided is not None:
            return decided
    return new[1] < old[1]


# --------------------------------------------------------------------------
# One round and several


def play_round(x, c, s, q=1.0, highest_eu=False):
    """One round of the model: returns a dict with the median, the range,
    Sec, R_i, r_i, the second-pass EUs eu[i][j] = E^i(U_ij), every actor's
    chosen move and the new positions."""
    n = len(x)
    R = value_range(x)
    mu = weighted_median(x, c, s)
    out = {"median": mu, "range": R, "next": list(x), "chosen": [None] * n, "moves": 0, "largest_move": 0.0}
    if not R > 0:
        return out
    # Pass 1: every r = 1; Sec_i is what the others expect from challenging i.
    sec = [sum(challenge(x, c, s, j, i, mu, R, 1.0, q) for j in range(n) if j != i) for i in range(n)]
    hi, lo = max(sec), min(sec)
    attitude = [risk_attitude(sec[i], hi, lo) for i in range(n)]
    exponent = [risk_exponent(a) for a in attitude]
    # Pass 2: every evaluator with its own r_i.
    eu = [[challenge(x, c, s, i, j, mu, R, exponent[i], q) if j != i else 0.0 for j in range(n)] for i in range(n)]
    # Every dyad proposes at most one move; a mover considers its offers in
    # the order of the proposers and keeps the best.
    offers = [[] for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            m = resolve(i, j, eu[i][j], eu[j][i], x[i], x[j])
            if m is not None:
                offers[m[0]].append(m)
    chosen = []
    for a in range(n):
        best = None
        for m in sorted(offers[a], key=lambda m: m[1]):
            if better_offer(m, best, x[a], highest_eu, R):
                best = m
        chosen.append(best)
    # Everyone moves at once.
    nxt = list(x)
    for a in range(n):
        if chosen[a] is not None and chosen[a][3] != x[a]:
            nxt[a] = chosen[a][3]
            out["moves"] += 1
            out["largest_move"] = max(out["largest_move"], abs(nxt[a] - x[a]))
    out.update(security=sec, attitude=attitude, exponent=exponent, eu=eu, chosen=chosen, next=nxt)
    return out


def play_rounds(x, c, s, rounds, q=1.0, highest_eu=False):
    x = list(x)
    for _ in range(rounds):
        x = play_round(x, c, s, q, highest_eu)["next"]
    return x


# --------------------------------------------------------------------------
# Output


USE_REPR = False


def fmt(v):
    if isinstance(v, bool):
        return str(v).lower()
    if isinstance(v, float):
        return repr(v) if USE_REPR else format(v, ".17g")
    if isinstance(v, (list, tuple)):
        return "{" + ", ".join(fmt(e) for e in v) + "}"
    return str(v)


def emit(case, quantity, value):
    print(f"{case} | {quantity} = {fmt(value)}")


def move_text(m, x=None):
    if m is None:
        return "None"
    return f"mover {m[0]} proposer {m[1]} kind {KIND_NAME[m[2]]} target {fmt(m[3])} eu {fmt(m[4])}"


def main():
    global USE_REPR
    USE_REPR = "--repr" in sys.argv[1:]
    X, C, S = BDM_X, BDM_C, BDM_S
    R0 = value_range(X)  # 6
    MU0 = weighted_median(X, C, S)  # 7

    case = "votes (eqs. 28-29)"
    emit(case, "Vote(BE over NL)", vote(X, C, S, BE, NL))
    emit(case, "Vote(FR over BE)", vote(X, C, S, FR, BE))
    emit(case, "Vote(NL over FR)", vote(X, C, S, NL, FR))
    emit(case, "Vote(NL over BE)", vote(X, C, S, NL, BE))
    emit(case, "min_k Vote(BE over k)", min(vote(X, C, S, BE, k) for k in range(10)))

    case = "weighted median and mean"
    emit(case, "WeightedMedian(BDM)", MU0)
    emit(case, "WeightedMean(BDM)", weighted_mean(X, C, S))
    emit(case, "500.3/67.7", 500.3 / 67.7)
    emit(case, "WeightedMedian(x={1,0}, c={1,1}, s={.5,.5})", weighted_median([1.0, 0.0], [1, 1], [.5, .5]))
    emit(case, "WeightedMedian(x={1,0}, c={1,1}, s={0,0})", weighted_median([1.0, 0.0], [1, 1], [0.0, 0.0]))

    case = "probability of prevailing (eqs. 30-31)"
    emit(case, "Prevail(NL, FR).i", prevail(X, C, S, NL, FR))
    emit(case, "Prevail(NL, FR).j = P^FR vs NL", prevail(X, C, S, FR, NL))
    emit(case, "Prevail(BE, UK).i", prevail(X, C, S, BE, UK))
    emit(case, "Prevail(DK, GR).i", prevail(X, C, S, DK, GR))
    emit(case, "Prevail(LU, DE).i", prevail(X, C, S, LU, DE))

    case = "basic utilities (eqs. 15-16, 22-24)"
    names = ("success", "failure", "better", "worse", "status_quo")
    for (xi, xj, r) in ((4.0, 10.0, 1.0), (4.0, 10.0, 2.0), (7.0, 10.0, 0.5)):
        for name, value in zip(names, utilities(xi, xj, 7.0, 6.0, r)):
            emit(case, f"Utilities({xi:g}, {xj:g}, 7, 6, r={r:g}).{name}", value)
    emit(case, "Utilities(4, 6, 7, 6, r=1.5).success", utilities(4.0, 6.0, 7.0, 6.0, 1.5)[0])
    emit(case, "2 - 4(1/3)^1.5 (the test's closed form)", 2 - 4 * (1.0 / 3) ** 1.5)

    case = "the switch T"
    for (xi, xj, mu, R) in ((4, 10, 7, 6), (7, 10, 7, 6), (10, 7, 7, 6), (4, 7, 10, 6), (7, 10, 4, 6),
                            (0.7, 1.0, 0.4, 0.6), (0.7, 0.4, 1.0, 0.6)):
        emit(case, f"MedianHelps({xi:g}, {xj:g}, {mu:g}, tie {TIE:g}*{R:g})", median_helps(xi, xj, mu, R))

    case = "expected utility of a challenge (eqs. 5-7, 25a)"
    emit(case, "E^NL(U_NL,FR), r=1, Q=1", challenge(X, C, S, NL, FR, MU0, R0, 1.0, 1.0))
    emit(case, "E^BE(U_BE,UK), r=1, Q=1", challenge(X, C, S, BE, UK, MU0, R0, 1.0, 1.0))
    emit(case, "E^BE(U_BE,UK), r=1, Q=1/2", challenge(X, C, S, BE, UK, MU0, R0, 1.0, 0.5))
    emit(case, "E^NL(U_NL,FR), r=1, Q=1/2", challenge(X, C, S, NL, FR, MU0, R0, 1.0, 0.5))
    emit(case, "E^LU(U_LU,DE), r=1, Q=1", challenge(X, C, S, LU, DE, MU0, R0, 1.0, 1.0))

    case = "security, R_i and r_i (eqs. 32-34, 33)"
    rd = play_round(X, C, S)
    for i in range(10):
        emit(case, f"security[{i}] ({ACTORS[i]})", rd["security"][i])
    for i in range(10):
        emit(case, f"attitude[{i}] ({ACTORS[i]})", rd["attitude"][i])
    for i in range(10):
        emit(case, f"exponent[{i}] ({ACTORS[i]})", rd["exponent"][i])
    emit(case, "RiskAttitude(1, 1, 1)", risk_attitude(1.0, 1.0, 1.0))
    emit(case, "RiskExponent(0)", risk_exponent(0.0))
    emit(case, "eu[NL][FR], pass 2", rd["eu"][NL][FR])
    emit(case, "eu[UK][NL], pass 2", rd["eu"][UK][NL])
    emit(case, "eu[LU][UK], pass 2", rd["eu"][LU][UK])

    case = "octants of figure 6"
    for a, b in ((0.2, 0.5), (0.5, 0.2), (0.5, -0.2), (-0.2, 0.5), (0.2, -0.5), (-0.5, 0.2), (-0.5, -0.2),
                 (0.3, 0.3), (0.3, -0.3), (-0.3, 0.3), (0.0, 0.4), (0.4, 0.0), (0.0, -0.4), (0.0, 0.0),
                 (0.3, 0.3 + 1e-14), (-0.3 - 1e-14, 0.3), (1e-15, 0.4), (-0.4, -1e-15), (0.3, 0.3 + 1e-9)):
        emit(case, f"Classify({a!r}, {b!r})", classify(a, b))
    emit(case, "Resolve(0, 1, 0.3, 0.3, 4, 10)", move_text(resolve(0, 1, 0.3, 0.3, 4.0, 10.0)))
    emit(case, "Resolve(0, 1, -0.5, -0.2, 4, 10)", move_text(resolve(0, 1, -0.5, -0.2, 4.0, 10.0)))

    case = "moves of each region, eqs. 35-36"
    for a, b in ((0.2, 0.5), (0.5, 0.2), (0.8, -0.2), (-0.3, 0.6), (0.2, -0.5), (-0.5, 0.2)):
        emit(case, f"Resolve(0, 1, {a!r}, {b!r}, 4, 10)", move_text(resolve(0, 1, a, b, 4.0, 10.0)))

    case = "offer selection"
    # Moves as (mover, proposer, kind, target, eu); R = 10 (tie 1e-12*10), x = 5.
    conflict, compromise = (0, 1, CONFLICT, 9.0, 0.1), (0, 2, COMPROMISE, 5.5, 0.9)
    near, rich = (0, 3, CONFLICT, 6.0, 0.2), (0, 4, CONFLICT, 8.0, 0.7)
    twin, low = (0, 5, CONFLICT, 4.0, 0.2), (0, 6, CONFLICT, 6.0, 0.2)
    down, up = (0, 1, CONFLICT, 0.4, 0.47), (0, 2, CONFLICT, 1.0, 0.6)
    for label, new, old, x, he, R in (
            ("conflict over compromise, least_move", conflict, compromise, 5.0, False, 10.0),
            ("compromise over conflict, highest_eu", compromise, conflict, 5.0, True, 10.0),
            ("near over rich, least_move", near, rich, 5.0, False, 10.0),
            ("rich over near, highest_eu", rich, near, 5.0, True, 10.0),
            ("near over twin, least_move", near, twin, 5.0, False, 10.0),
            ("twin over near, least_move", twin, near, 5.0, False, 10.0),
            ("near over low, least_move", near, low, 5.0, False, 10.0),
            ("up over down at 0.7, least_move, R 0.6", up, down, 0.7, False, 0.6),
            ("down over up at 0.7, least_move, R 0.6", down, up, 0.7, False, 0.6),
            ("capitulation over nothing", (0, 1, CAPITULATION, 6.0, 1.0), None, 5.0, False, 10.0)):
        emit(case, f"Prefer({label})", better_offer(new, old, x, he, R))

    case = "one full round on the BDM data"
    emit(case, "median", rd["median"])
    emit(case, "range", rd["range"])
    emit(case, "moves", rd["moves"])
    emit(case, "largest_move", rd["largest_move"])
    emit(case, "positions after round 0", rd["next"])
    for a in range(10):
        emit(case, f"chosen[{ACTORS[a]}]", move_text(rd["chosen"][a]))
    lost = [(ACTORS[a], ACTORS[m[1]]) for a, m in enumerate(rd["chosen"]) if m is not None and m[2] == CONFLICT]
    emit(case, "conflicts lost (mover <- proposer)", ", ".join(f"{a}<-{w}" for a, w in lost))
    emit(case, "chosen[UK].eu", rd["chosen"][UK][4])
    unit = play_round([p / 10 for p in X], C, S)
    emit(case, "unit scale: positions after round 0, times 10", [p * 10 for p in unit["next"]])
    emit(case, "unit scale: same proposers as on 0-10",
         [m and m[1] for m in unit["chosen"]] == [m and m[1] for m in rd["chosen"]])
    emit(case, "positions after 2 rounds, Q=1, least_move", play_rounds(X, C, S, 2))
    emit(case, "positions after 3 rounds, Q=1, least_move", play_rounds(X, C, S, 3))
    emit(case, "positions after 1 round, Q=1, highest_eu", play_rounds(X, C, S, 1, 1.0, True))
    emit(case, "positions after 3 rounds, Q=1, highest_eu", play_rounds(X, C, S, 3, 1.0, True))
    emit(case, "positions after 1 round, Q=1/2, least_move", play_rounds(X, C, S, 1, 0.5, False))

    case = "rounds with compromises and capitulations"
    rr = play_round(RND_X, RND_C, RND_S)
    emit(case, "random 6: positions after round 0", rr["next"])
    for a in range(6):
        emit(case, f"random 6: chosen[{a}]", move_text(rr["chosen"][a]))
    emit(case, "random 6: 3 rounds, Q=1, least_move", play_rounds(RND_X, RND_C, RND_S, 3))
    emit(case, "random 6: 3 rounds, Q=1, highest_eu", play_rounds(RND_X, RND_C, RND_S, 3, 1.0, True))
    emit(case, "random 6: 3 rounds, Q=1/2, least_move", play_rounds(RND_X, RND_C, RND_S, 3, 0.5, False))
    emit(case, "random 6: 3 rounds, Q=1/2, highest_eu", play_rounds(RND_X, RND_C, RND_S, 3, 0.5, True))
    x3, c3, s3 = [0.0, 0.5, 1.0], [1.0, 1.0, 3.0], [1.0, 1.0, 1.0]
    for t in (1, 2, 3):
        emit(case, f"three actors: positions after {t} round{'s' if t > 1 else ''}", play_rounds(x3, c3, s3, t))


if __name__ == "__main__":
    main()
