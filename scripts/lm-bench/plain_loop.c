/* A plain C loop (no BLAS, no intrinsics) for the same float32 forward pass as TokenKitLM,
 * written for this benchmark from the architecture notes in shared/models/stories260K/SOURCES.md.
 * It stands in for llama2.c's run.c (same algorithm, same loop structure: one matvec per weight
 * matrix, scalar inner loops compiled with -O3) so the Swift runtime can be compared with a
 * C baseline. Greedy decoding from BOS; prints the ids and, on stderr, tokens/s.
 *
 * usage: plain_loop checkpoint.bin steps */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static void matvec(float *y, const float *x, const float *w, int rows, int cols) {
    for (int r = 0; r < rows; r++) {
        float s = 0.0f;
        for (int c = 0; c < cols; c++) s += w[(long)r * cols + c] * x[c];
        y[r] = s;
    }
}

static void rmsnorm(float *o, const float *x, const float *w, int n) {
    float ss = 0.0f;
    for (int i = 0; i < n; i++) ss += x[i] * x[i];
    ss = 1.0f / sqrtf(ss / n + 1e-5f);
    for (int i = 0; i < n; i++) o[i] = w[i] * (ss * x[i]);
}

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: %s checkpoint steps\n", argv[0]); return 2; }
    FILE *f = fopen(argv[1], "rb");
    if (!f) { perror(argv[1]); return 1; }
    int h[7];
    if (fread(h, 4, 7, f) != 7) return 1;
    int dim = h[0], hid = h[1], L = h[2], H = h[3], KVH = h[4], V = abs(h[5]), S = h[6];
    int hs = dim / H, kvd = dim * KVH / H, kvmul = H / KVH;
    fseek(f, 0, SEEK_END);
    long bytes = ftell(f) - 28;
    fseek(f, 28, SEEK_SET);
    float *data = malloc(bytes);
    if (fread(data, 1, bytes, f) != (size_t)bytes) return 1;
    fclose(f);
    float *p = data;
    float *emb = p; p += (long)V * dim;
    float *rms_att = p; p += L * dim;
    float *wq = p; p += (long)L * dim * dim;
    float *wk = p; p += (long)L * kvd * dim;
    float *wv = p; p += (long)L * kvd * dim;
    float *wo = p; p += (long)L * dim * dim;
    float *rms_ffn = p; p += L * dim;
    float *w1 = p; p += (long)L * hid * dim;
    float *w2 = p; p += (long)L * dim * hid;
    float *w3 = p; p += (long)L * hid * dim;
    float *rms_final = p; p += dim;
    p += (long)S * hs;  /* legacy RoPE tables */
    float *wcls = h[5] > 0 ? emb : p;

    float *x = calloc(dim, 4), *xb = calloc(dim, 4), *xb2 = calloc(dim, 4), *q = calloc(dim, 4);
    float *hb = calloc(hid, 4), *hb2 = calloc(hid, 4), *att = calloc(S, 4), *logits = calloc(V, 4);
    float *kc = calloc((long)L * S * kvd, 4), *vc = calloc((long)L * S * kvd, 4);
    int steps = atoi(argv[2]);
    if (steps > S) steps = S;
    int token = 1;
    struct timespec t0, t1, c0, c1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c0);
    for (int pos = 0; pos < steps; pos++) {
        for (int i = 0; i < dim; i++) x[i] = emb[(long)token * dim + i];
        for (int l = 0; l < L; l++) {
            rmsnorm(xb, x, rms_att + l * dim, dim);
            float *k = kc + ((long)l * S + pos) * kvd, *v = vc + ((long)l * S + pos) * kvd;
            matvec(q, xb, wq + (long)l * dim * dim, dim, dim);
            matvec(k, xb, wk + (long)l * kvd * dim, kvd, dim);
            matvec(v, xb, wv + (long)l * kvd * dim, kvd, dim);
            for (int i = 0; i < dim; i += 2) {
                float fr = 1.0f / powf(10000.0f, (float)(i % hs) / (float)hs);
                float c = cosf(pos * fr), s = sinf(pos * fr);
                for (int t = 0; t < (i < kvd ? 2 : 1); t++) {
                    float *vec = t == 0 ? q : k;
                    float a = vec[i], b = vec[i + 1];
                    vec[i] = a * c - b * s;
                    vec[i + 1] = a * s + b * c;
                }
            }
            for (int hh = 0; hh < H; hh++) {
                float *qh = q + hh * hs, mx = -INFINITY, sum = 0.0f;
                for (int t = 0; t <= pos; t++) {
                    float *kt = kc + ((long)l * S + t) * kvd + (hh / kvmul) * hs, s = 0.0f;
                    for (int i = 0; i < hs; i++) s += qh[i] * kt[i];
                    att[t] = s / sqrtf((float)hs);
                    if (att[t] > mx) mx = att[t];
                }
                for (int t = 0; t <= pos; t++) { att[t] = expf(att[t] - mx); sum += att[t]; }
                float *o = xb + hh * hs;
                for (int i = 0; i < hs; i++) o[i] = 0.0f;
                for (int t = 0; t <= pos; t++) {
                    float *vt = vc + ((long)l * S + t) * kvd + (hh / kvmul) * hs, a = att[t] / sum;
                    for (int i = 0; i < hs; i++) o[i] += a * vt[i];
                }
            }
            matvec(xb2, xb, wo + (long)l * dim * dim, dim, dim);
            for (int i = 0; i < dim; i++) x[i] += xb2[i];
            rmsnorm(xb, x, rms_ffn + l * dim, dim);
            matvec(hb, xb, w1 + (long)l * hid * dim, hid, dim);
            matvec(hb2, xb, w3 + (long)l * hid * dim, hid, dim);
            for (int i = 0; i < hid; i++) hb[i] = hb[i] / (1.0f + expf(-hb[i])) * hb2[i];
            matvec(xb, hb, w2 + (long)l * dim * hid, dim, hid);
            for (int i = 0; i < dim; i++) x[i] += xb[i];
        }
        rmsnorm(x, x, rms_final, dim);
        matvec(logits, x, wcls, V, dim);
        int best = 0;
        for (int i = 1; i < V; i++) if (logits[i] > logits[best]) best = i;
        printf("%d ", best);
        token = best;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c1);
    double sec = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) * 1e-9;
    double cpu = (c1.tv_sec - c0.tv_sec) + (c1.tv_nsec - c0.tv_nsec) * 1e-9;
    printf("\n");
    fprintf(stderr, "%d forward passes in %f s: %f tok/s; CPU %f s: %f tok/s per CPU second (plain C loop)\n",
            steps, sec, steps / sec, cpu, steps / cpu);
    return 0;
}
