import LinAlg

print("botsift-bench: no benchmarks yet")
