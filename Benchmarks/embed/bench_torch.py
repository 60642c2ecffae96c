#!/usr/bin/env python3
"""The PyTorch side of the LoupeEmbed benchmark: full-size ViT-B/32 image features
(CLIPVisionModelWithProjection, random weights, float32) on a batch of random pixel tensors, the
same work `CLIPBenchmark.run` times in Swift. Prints one line: `torch images/s: <value>`.

Usage: python3 bench_torch.py [--batch 32] [--iterations 5] [--threads 2]"""
import argparse
import time

import torch
from transformers import CLIPVisionConfig, CLIPVisionModelWithProjection


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--iterations", type=int, default=5)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    config = CLIPVisionConfig(hidden_act="quick_gelu", projection_dim=512)  # ViT-B/32 defaults
    model = CLIPVisionModelWithProjection(config).eval()
    pixels = torch.randn(args.batch, 3, config.image_size, config.image_size)
    with torch.inference_mode():
        out = model(pixel_values=pixels).image_embeds  # warm-up
        out = out / out.norm(dim=-1, keepdim=True)
        best = best_cpu = float("inf")
        for _ in range(args.iterations):
            start, cpu = time.perf_counter(), time.process_time()
            out = model(pixel_values=pixels).image_embeds
            out = out / out.norm(dim=-1, keepdim=True)
            best_cpu = min(best_cpu, time.process_time() - cpu)
            best = min(best, time.perf_counter() - start)
    print(f"torch {torch.__version__} threads {torch.get_num_threads()} batch {args.batch}: "
          f"best {best:.3f} s, CPU {best_cpu:.3f} s per batch")
    print(f"torch images/s: {args.batch / best:.2f}")


if __name__ == "__main__":
    main()
