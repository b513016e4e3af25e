#include "phr_cipher.h"
