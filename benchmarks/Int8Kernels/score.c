/* Scores an exported classifier network (ONNX, [N, 1, 28, 28] pixels in [0, 1] -> logits) on Fashion-MNIST IDX files with
 * ONNX Runtime's C API, one thread, and prints each image's predicted class, one per line, then
 * "RESULT correct=N images=N logit_sum=X".
 * A plain C program, so it runs under QEMU's user-mode emulation of another CPU, where the .NET runtime crashes.
 * Usage: score <model.onnx> <images-idx3-ubyte> <labels-idx1-ubyte> <count> */
#include <onnxruntime_c_api.h>
#include <stdio.h>
#include <stdlib.h>

static const OrtApi *api;

static void check(OrtStatus *status) {
    if (status) {
        fprintf(stderr, "error: %s\n", api->GetErrorMessage(status));
        exit(1);
    }
}

static unsigned char *read_file(const char *path, long *size) {
    FILE *f = fopen(path, "rb");
    if (!f) { fprintf(stderr, "error: cannot open %s\n", path); exit(1); }
    fseek(f, 0, SEEK_END);
    *size = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *data = malloc(*size);
    if (fread(data, 1, *size, f) != (size_t)*size) { fprintf(stderr, "error: short read of %s\n", path); exit(1); }
    fclose(f);
    return data;
}

int main(int argc, char **argv) {
    if (argc != 5) { fprintf(stderr, "usage: score <model.onnx> <images-idx3-ubyte> <labels-idx1-ubyte> <count>\n"); return 2; }
    api = OrtGetApiBase()->GetApi(ORT_API_VERSION);
    long image_bytes, label_bytes;
    unsigned char *images = read_file(argv[2], &image_bytes), *labels = read_file(argv[3], &label_bytes);
    int count = atoi(argv[4]);
    if (16 + (long)count * 784 > image_bytes || 8 + count > label_bytes) { fprintf(stderr, "error: fewer than %d images\n", count); return 1; }

    OrtEnv *env;
    OrtSessionOptions *options;
    OrtSession *session;
    OrtAllocator *allocator;
    check(api->CreateEnv(ORT_LOGGING_LEVEL_WARNING, "score", &env));
    check(api->CreateSessionOptions(&options));
    check(api->SetIntraOpNumThreads(options, 1));
    check(api->CreateSession(env, argv[1], options, &session));
    check(api->GetAllocatorWithDefaultOptions(&allocator));
    char *input_name, *output_name;
    check(api->SessionGetInputName(session, 0, allocator, &input_name));
    check(api->SessionGetOutputName(session, 0, allocator, &output_name));
    OrtMemoryInfo *memory;
    check(api->CreateCpuMemoryInfo(OrtArenaAllocator, OrtMemTypeDefault, &memory));

    enum { Batch = 100, Pixels = 784 };
    static float pixels[Batch * Pixels];
    int correct = 0;
    double logit_sum = 0; /* differs in its last digits between kernels that add in another order: shows which ran */
    for (int start = 0; start < count; start += Batch) {
        int n = count - start < Batch ? count - start : Batch;
        for (long i = 0; i < (long)n * Pixels; i++) pixels[i] = images[16 + (long)start * Pixels + i] / 255.0f;
        int64_t shape[] = {n, 1, 28, 28};
        OrtValue *input = NULL, *output = NULL;
        check(api->CreateTensorWithDataAsOrtValue(memory, pixels, sizeof(float) * n * Pixels, shape, 4, ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT, &input));
        const char *inputs[] = {input_name}, *outputs[] = {output_name};
        check(api->Run(session, NULL, inputs, (const OrtValue *const *)&input, 1, outputs, 1, &output));
        float *logits;
        check(api->GetTensorMutableData(output, (void **)&logits));
        for (int i = 0; i < n * 10; i++) logit_sum += logits[i];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int k = 1; k < 10; k++) if (logits[i * 10 + k] > logits[i * 10 + best]) best = k;
            printf("%d\n", best);
            correct += best == labels[8 + start + i];
        }
        api->ReleaseValue(output);
        api->ReleaseValue(input);
    }
    printf("RESULT correct=%d images=%d logit_sum=%.9g\n", correct, count, logit_sum);
    return 0;
}
