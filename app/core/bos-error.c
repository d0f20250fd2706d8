/* bos-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "bos-error.h"

G_DEFINE_QUARK (bos-error-quark, bos_error)
