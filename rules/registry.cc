// placeholder: the rule registry is being written
