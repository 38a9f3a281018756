#!/usr/bin/env python3
"""Junction's PyTorch conformance probe for accelerator nodes.

Runs as an ordinary task on the node it certifies, with the vendor's visible-devices variable
already set by Junction, and prints one line `JUNCTION_PROBE_RESULT {json}`. Checks: the
framework imports; a device is visible through the vendor's PyTorch backend; a bf16 matrix
product on the device matches an fp32 CPU reference; with two or more devices, an all-reduce
across two processes gives the expected sum; and the bf16 matrix-product rate. Needs only
PyTorch and the vendor's plugin (torch_npu, torch_mlu, torch_musa, ...); no network.
"""
import importlib
import json
import os
import sys
import time

checks = []
forced = os.environ.get("JUNCTION_PROBE_FAIL", "")


def check(name, ok, detail):
    passed = bool(ok) and forced != name
    if forced == name:
        detail += " (failure forced by JUNCTION_PROBE_FAIL)"
    checks.append({"name": name, "ok": passed, "detail": detail})
    return passed


def backend(torch):
    """The device type PyTorch exposes on this node and its collective library."""
    for plugin, device, collective in (
        ("torch_npu", "npu", "hccl"),
        ("torch_mlu", "mlu", "cncl"),
        ("torch_musa", "musa", "mccl"),
        ("torch_gcu", "gcu", "eccl"),
        ("habana_frameworks.torch.core", "hpu", "hccl"),
    ):
        try:
            importlib.import_module(plugin)
            return device, collective
        except ImportError:
            continue
    if getattr(torch, "cuda", None) is not None and torch.cuda.is_available():
        return "cuda", "rccl" if getattr(torch.version, "hip", None) else "nccl"
    if hasattr(torch, "xpu") and torch.xpu.is_available():
        return "xpu", "ccl"
    return None, None


def all_reduce_worker(rank, world, device, collective, port, out):
    import torch
    import torch.distributed as dist

    os.environ.update(MASTER_ADDR="127.0.0.1", MASTER_PORT=str(port))
    dist.init_process_group(collective, rank=rank, world_size=world)
    module = getattr(torch, device)
    module.set_device(rank)
    tensor = torch.ones(1024, device=f"{device}:{rank}") * (rank + 1)
    dist.all_reduce(tensor)
    out[rank] = float(tensor[0].item())
    dist.destroy_process_group()


def main():
    result = {"probe": "torch", "ok": False, "capabilities": {}, "checks": checks}
    try:
        import torch
    except ImportError as error:
        check("framework", False, f"cannot import torch: {error}")
        return result
    check("framework", True, f"torch {torch.__version__}")
    result["framework"] = {"name": "pytorch", "version": torch.__version__.split("+")[0]}
    device, collective = backend(torch)
    if not check("device-visible", device is not None, f"backend {device or 'none'}"):
        return result
    module = getattr(torch, device)
    count = module.device_count()
    check("device-count", count >= 1, f"{count} {device} device(s)")
    result["stack"] = {"cuda": torch.version.cuda, "hip": getattr(torch.version, "hip", None)}

    size = int(os.environ.get("JUNCTION_PROBE_SIZE", "4096"))
    a = torch.randn(size, size)
    b = torch.randn(size, size)
    reference = a @ b
    da, db = a.to(f"{device}:0", torch.bfloat16), b.to(f"{device}:0", torch.bfloat16)
    got = (da @ db).float().cpu()
    error = ((got - reference).abs().max() / reference.abs().max()).item()
    result["capabilities"]["bf16"] = check("bf16-matmul", error < 2e-2, f"max relative error {error:.2e} (limit 2e-2)")

    module.synchronize()
    start = time.perf_counter()
    repeats = 10
    for _ in range(repeats):
        da @ db
    module.synchronize()
    tflops = 2 * size**3 * repeats / (time.perf_counter() - start) / 1e12
    result["measured"] = {"metric": "bf16-matmul", "value": round(tflops, 2), "unit": "TFLOP/s"}

    if count >= 2:
        import torch.multiprocessing as mp

        manager = mp.Manager()
        out = manager.dict()
        mp.spawn(all_reduce_worker, args=(2, device, collective, 29500 + os.getpid() % 1000, out), nprocs=2)
        ok = out.get(0) == 3.0 and out.get(1) == 3.0
        result["capabilities"][collective] = check("all-reduce", ok, f"{collective} across 2 devices gave {dict(out)}")
    result["ok"] = all(c["ok"] for c in checks)
    return result


if __name__ == "__main__":
    outcome = main()
    for c in checks:
        print(f"{'PASS' if c['ok'] else 'FAIL'} {c['name']}: {c['detail']}")
    print("JUNCTION_PROBE_RESULT " + json.dumps(outcome))
    sys.exit(0 if outcome["ok"] else 1)
