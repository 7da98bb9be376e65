/* config.c — the one site configuration file, loaded once per process. */
#include <stdlib.h>
#include "gf.h"

HDF *gf_conf;

NEOERR *gf_config_load(void)
{
    const char *path = getenv("GF_CONFIG");
    NEOERR *err;

    if (gf_conf)
        return STATUS_OK;
    if (!path || !*path)
        path = "conf/grantfair.hdf";
    if ((err = hdf_init(&gf_conf)))
        return nerr_pass(err);
    if ((err = hdf_read_file(gf_conf, path))) {
        hdf_destroy(&gf_conf);
        return nerr_pass(err);
    }
    return STATUS_OK;
}

const char *gf_cfg(const char *name, const char *def)
{
    return gf_conf ? hdf_get_value(gf_conf, name, def) : def;
}

long gf_cfg_int(const char *name, long def)
{
    const char *v = gf_cfg(name, NULL);
    char *end;
    long n;

    if (!v || !*v)
        return def;
    n = strtol(v, &end, 10);
    return *end ? def : n;
}
