/* SPDX-License-Identifier: MIT */
#ifndef DXI_CLI_VERSION_H
#define DXI_CLI_VERSION_H

#ifndef DXI_VERSION
#define DXI_VERSION "0.1.0"
#endif

#endif
