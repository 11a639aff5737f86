"""Fine-tuning the generator on the platform's own copy (`shelfwriter finetune`).

pairs (product facts → human text, in the runtime's prompt format) → LoRA on the base
model's Hugging Face checkpoint (lora) → merged checkpoint (merge) → the exporter → a normal
model directory with a new manifest version (finetune). Needs the `export` extra (torch,
transformers, peft); the worker never imports this package.
"""
