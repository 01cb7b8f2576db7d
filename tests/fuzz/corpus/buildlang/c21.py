x = {"a": 1}["b"]  ### "key 'b' not found in dict"
