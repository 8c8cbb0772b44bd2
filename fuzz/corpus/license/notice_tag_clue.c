/*
 * Copyright (c) 2020 Jane Doe <jane@example.org>
 * SPDX-License-Identifier: (MIT OR Apache-2.0)
 *
 * This program is free software; you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation; either version 2 of the License, or
 * (at your option) any later version.
 *
 * Released under the MIT license; see LICENSE.
 */
