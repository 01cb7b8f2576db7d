macro("n", tags=["a"])
python_tests(**macro("m"), resolve=parametrize("a", "b"))

