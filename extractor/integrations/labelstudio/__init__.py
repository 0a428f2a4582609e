"""The correction loop through Label Studio: protokol's output as pre-annotated tasks, and the
corrected export back as corpus gold files that `protokol evaluate` scores.

    from extractor.integrations.labelstudio import label_config, to_task, export_to_gold, write_gold
    tasks = [to_task(protocol, text, "protocol_12")]     # import into a project with label_config()
    write_gold(export_to_gold(exported_tasks), Path("gold/"))

Modules: `config` (the labelling config XML), `tasks` (Protocol -> task), `gold` (export -> gold),
`values` (deadlines and references as one editable line each, and back), `bulk` (tasks of a
`protokol bulk` output folder).
"""
from extractor.integrations.labelstudio.config import label_config
from extractor.integrations.labelstudio.gold import Converted, export_to_gold, task_to_gold, write_gold
from extractor.integrations.labelstudio.tasks import to_task, unique_ids

__all__ = ["Converted", "export_to_gold", "label_config", "task_to_gold", "to_task", "unique_ids", "write_gold"]
