import subprocess

for name in ("encoder", "decoder"):
    subprocess.run(["aria2c", "--continue", "--dir", "/weights", f"https://models.example.org/{name}.bin"], check=True)
