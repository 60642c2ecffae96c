#!/usr/bin/env python3
"""Checks LoupeEmbed against transformers at full size: builds a randomly initialised ViT-B/32
vision tower (CLIPVisionModelWithProjection, saved as safetensors with its preprocessor config),
embeds the given images with transformers (CLIPImageProcessor, PIL backend) and with
`embed-bench embed`, and prints the largest difference and the smallest cosine.

Usage: python3 compare_transformers.py EMBED_BENCH IMAGE... [--model-dir DIR]
Needs torch, transformers, safetensors, pillow."""
import argparse
import json
import os
import subprocess
import tempfile

import numpy as np
import torch
from PIL import Image
from transformers import CLIPVisionConfig, CLIPVisionModelWithProjection

try:
    from transformers import CLIPImageProcessorPil as Processor
except ImportError:
    from transformers import CLIPImageProcessor as Processor


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bench")
    ap.add_argument("images", nargs="+")
    ap.add_argument("--model-dir", default=None)
    args = ap.parse_args()
    directory = args.model_dir or tempfile.mkdtemp(prefix="clip-b32-random-")
    torch.manual_seed(0)
    model = CLIPVisionModelWithProjection(CLIPVisionConfig(hidden_act="quick_gelu", projection_dim=512)).eval()
    with torch.no_grad():  # make every parameter matter, as the test fixtures do
        for name, p in model.named_parameters():
            if "norm" in name and name.endswith("weight"):
                p.copy_(1 + 0.2 * torch.randn_like(p))
            elif name.endswith("bias") or "norm" in name:
                p.copy_(0.05 * torch.randn_like(p))
    model.save_pretrained(directory)
    processor = Processor(size={"shortest_edge": 224}, crop_size={"height": 224, "width": 224}, resample=3)
    processor.save_pretrained(directory)
    pictures = [Image.open(path).convert("RGB") for path in args.images]
    with torch.no_grad():
        pixels = processor(images=pictures, return_tensors="pt")["pixel_values"]
        reference = model(pixel_values=pixels).image_embeds
        reference = (reference / reference.norm(dim=-1, keepdim=True)).numpy()
    out = subprocess.run([args.bench, "embed", directory, *args.images], check=True, capture_output=True, text=True)
    ours = np.array([json.loads(line) for line in out.stdout.splitlines() if line.startswith("[")], dtype=np.float32)
    diff = float(np.abs(ours - reference).max())
    cos = float(min((ours * reference).sum(-1) / np.linalg.norm(ours, axis=-1) / np.linalg.norm(reference, axis=-1)))
    print(f"{len(args.images)} images, ViT-B/32 random weights in {directory}: "
          f"max |difference| {diff:.2e}, min cosine {cos:.7f}")


if __name__ == "__main__":
    main()
