/* gongkai backup FILE / gongkai restore FILE (docs/user-guide.md, 备份与恢复). */
#include "cli/cli.h"
#include "store/store.h"
#include "store/store_backup.h"
#include "util/err.h"
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

/* The store's result as an exit status, printing the one-line reason. */
static int exit_status(const char *command, res_t rc, char *err)
{
    if (rc != RES_OK)
        gk_error(command, "%s", err ? err : "failed");
    free(err);
    return cli_exit_status(rc);
}

/* Exactly one FILE; says what is wrong otherwise. */
static bool file_argument(const char *command, int argc, char **argv)
{
    if (argc < 2)
        gk_error(command, "name the backup file (try --help)");
    else if (argc > 2)
        gk_error(command, "unexpected argument '%s' (try --help)", argv[2]);
    else if (argv[1][0] == '-' && argv[1][1])
        gk_error(command, "unknown option %s (try --help)", argv[1]);
    else
        return true;
    return false;
}

int cmd_backup(const struct cli *cli, int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        printf("用法 usage: gongkai [--db TARGET] backup FILE\n\n"
               "把正在使用的数据库一致地复制到 FILE（SQLite 在线备份），门户照常服务、导入照常进行；\n"
               "副本是开始复制那一刻的数据库：此前完成的导入都在其中。先写 FILE.tmp，通过\n"
               "integrity_check 后再改名为 FILE；FILE 不能是数据库本身。\n\n"
               "Copies the live database to FILE with SQLite's online backup API while the portal\n"
               "keeps serving and imports keep running: the copy is the database as it was when the\n"
               "copy began (every import finished before then is in it). Written to FILE.tmp, checked\n"
               "with integrity_check, then renamed to FILE. FILE may not be the database itself.\n"
               "Exit 0 done, 2 refused, 1 failed.\n");
        return 0;
    }
    if (!file_argument("backup", argc, argv))
        return GK_ERR_INPUT;
    char *err = NULL;
    res_t rc = store_backup(cli->db_target, argv[1], &err);
    if (rc == RES_OK) {
        struct stat st;
        double mb = stat(argv[1], &st) == 0 ? (double)st.st_size / (1024.0 * 1024.0) : 0;
        printf("backed up %s to %s (%.1f MB)\n", cli->db_target, argv[1], mb);
    }
    return exit_status("backup", rc, err);
}

int cmd_restore(const struct cli *cli, int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        printf("用法 usage: gongkai [--db TARGET] restore FILE\n\n"
               "用备份 FILE 替换数据库。先停止使用该数据库的 gongkai serve。FILE 必须是通过\n"
               "integrity_check、本程序认识其结构版本的 gongkai 数据库，否则拒绝（退出码 2）。\n"
               "先复制到 TARGET.restore-tmp，再改名为 TARGET；原数据库保留为 TARGET.before-restore。\n\n"
               "Replaces the database with the backup FILE. Stop 'gongkai serve' on this database\n"
               "first (restore refuses while another process has it open). FILE must be a gongkai\n"
               "database that passes integrity_check, of a schema version this program knows;\n"
               "otherwise it is refused (exit 2). The copy is made in TARGET.restore-tmp and renamed\n"
               "to TARGET; the previous database is kept as TARGET.before-restore.\n");
        return 0;
    }
    if (!file_argument("restore", argc, argv))
        return GK_ERR_INPUT;
    char *err = NULL;
    int schema = 0;
    bool had_target = access(cli->db_target, F_OK) == 0;
    res_t rc = store_restore(cli->db_target, argv[1], &schema, &err);
    if (rc == RES_OK) {
        printf("restored %s into %s (schema version %d)", argv[1], cli->db_target, schema);
        if (had_target)
            printf("; the previous database is %s.before-restore", cli->db_target);
        printf("\n");
        if (schema < store_schema_current())
            printf("run 'gongkai --db %s init' to migrate it to schema version %d\n", cli->db_target,
                   store_schema_current());
    }
    return exit_status("restore", rc, err);
}
