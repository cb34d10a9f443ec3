def looks_like_sipd(sheets):
    return False
