"""Which vector instructions the two libraries' kernels use, and a like-for-like option.

NumPy's OpenBLAS picks its kernels for the processor when it loads, unless OPENBLAS_CORETYPE
names a processor (some machines pin it so that results do not change from one processor to
the next); TensorFlow's oneDNN uses the widest instructions the processor has, unless
ONEDNN_MAX_CPU_ISA caps them. On a processor with AVX-512 and OpenBLAS pinned to Haswell
(AVX2) kernels, TensorFlow multiplies twice as many numbers per instruction as NumPy does, and
a table of ratios measures the two kernel sets as much as the two programs.

``--tf-isa native`` (the default) leaves TensorFlow as it is; ``--tf-isa blas`` caps it at the
instruction set of NumPy's OpenBLAS kernels. It must act before TensorFlow is imported, so a
benchmark calls :func:`apply` first and imports TensorFlow after. Where a machine pins
OPENBLAS_CORETYPE, the header says how to run with the processor's own kernels instead: unset
it (with OPENBLAS_L2_SIZE) for that one command, never in tests or CI.
"""
import argparse
import os

# OpenBLAS kernel families (threadpoolctl's "architecture") and the oneDNN cap of the same width.
ONEDNN_ISA = {
    "sandybridge": "AVX", "haswell": "AVX2", "zen": "AVX2",
    "skylakex": "AVX512_CORE", "cooperlake": "AVX512_CORE_BF16",
    "sapphirerapids": "AVX512_CORE_AMX",
}
CHOICES = ("native", "blas")


def add_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--tf-isa", choices=CHOICES, default="native",
                        help="native: TensorFlow's widest instructions; blas: capped at those "
                             "of NumPy's OpenBLAS kernels (a like-for-like comparison)")


def openblas_architecture() -> str:
    from threadpoolctl import threadpool_info

    import numpy  # noqa: F401  (loads OpenBLAS, so threadpoolctl can see it)

    archs = {lib.get("architecture") or "unknown" for lib in threadpool_info()
             if lib["internal_api"] == "openblas"}
    return ", ".join(sorted(archs)) or "no OpenBLAS"


def apply(argv) -> str:
    """Read --tf-isa from ``argv``, set ONEDNN_MAX_CPU_ISA for ``blas``, and return one line
    that says which kernels each library uses. Call it before TensorFlow is imported."""
    parser = argparse.ArgumentParser(add_help=False)
    add_argument(parser)
    choice = parser.parse_known_args(argv)[0].tf_isa
    arch = openblas_architecture()
    if choice == "blas":
        if arch.lower() not in ONEDNN_ISA:
            raise SystemExit(f"--tf-isa blas: NumPy's OpenBLAS uses {arch!r} kernels, which "
                             f"have no oneDNN cap here; known: {', '.join(ONEDNN_ISA)}")
        os.environ["ONEDNN_MAX_CPU_ISA"] = ONEDNN_ISA[arch.lower()]
    pinned = os.environ.get("OPENBLAS_CORETYPE")
    blas = f"NumPy's OpenBLAS: {arch} kernels" + (f" (OPENBLAS_CORETYPE={pinned})" if pinned
                                                  else "")
    cap = os.environ.get("ONEDNN_MAX_CPU_ISA")
    tf = (f"TensorFlow's oneDNN: capped at {cap} (ONEDNN_MAX_CPU_ISA)" if cap
          else "TensorFlow's oneDNN: the processor's widest")
    line = f"{blas}; {tf}; processor: {processor_vectors()}"
    if pinned:
        line += ("\n(OPENBLAS_CORETYPE pins NumPy's kernels. For the processor's own, run this "
                 "command alone under `env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE`; for "
                 "TensorFlow on the pinned width, add --tf-isa blas.)")
    return line


def processor_vectors() -> str:
    """The widest vector instructions the processor reports (Linux), or 'unknown'."""
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            flags = next((line.split(":", 1)[1].split() for line in cpuinfo
                          if line.startswith("flags")), [])
    except OSError:
        return "unknown"
    for flag, name in (("avx512f", "AVX-512"), ("avx2", "AVX2"), ("avx", "AVX")):
        if flag in flags:
            return name
    return "unknown" if not flags else "SSE"
