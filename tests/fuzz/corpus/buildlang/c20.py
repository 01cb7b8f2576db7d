x = "a" + 1  ### "can only concatenate str \(not \"int\"\) to str"
