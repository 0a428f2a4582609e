"""protokol's extraction API: FastAPI on the same pipeline and models as the CLI.

    protokol serve --port 8000 --workers 2
    curl -F file=@protocol.pdf http://127.0.0.1:8000/v1/extract

`create_app()` builds the application (api/app.py); `serve()` runs it under uvicorn (api/server.py).
"""
