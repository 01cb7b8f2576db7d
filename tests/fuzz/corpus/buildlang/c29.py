x = [].apend(1)  ### "'list' object has no attribute 'apend' \(did you mean append\?\)"
