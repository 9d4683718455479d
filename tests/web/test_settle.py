"""A serving process readies itself once: BLAS on one thread, what it has made kept out of the
garbage collector's passes, and log records made without caller, thread and process lookups."""

import subprocess
import sys


def test_a_worker_limits_blas_and_freezes_what_it_has_made():
    program = (
        "import gc, logging\n"
        "from threadpoolctl import threadpool_info\n"
        "import stemhulp\n"
        "from stemhulp.web import create_app\n"
        "from stemhulp.web.serving import settle_worker\n"
        "app = create_app(stemhulp.load())\n"
        "assert gc.get_freeze_count() == 0\n"
        "settle_worker()\n"
        "print(gc.get_freeze_count() > 10_000, sorted({p['num_threads'] for p in threadpool_info() if p['user_api'] == 'blas'}))\n"
        "records = []\n"
        "class Keep(logging.Handler):\n"
        "    def emit(self, record): records.append(record)\n"
        "log = logging.getLogger('stemhulp.web')\n"
        "log.addHandler(Keep()); log.setLevel(logging.INFO); log.info('GET / 200')\n"
        "print(records[0].thread, records[0].process, records[0].funcName)\n"
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines() == ["True [1]", "None None (unknown function)"]
