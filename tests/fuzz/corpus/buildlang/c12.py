if (n := 10):  ### "assignment expressions \(':='\) are not supported"
    pass
